package dev.denorm.status;

import dev.denorm.index.Indexes;
import java.util.concurrent.ExecutionException;
import java.util.Set;
import java.util.Comparator;
import java.time.Duration;
import java.io.IOException;
import dev.denorm.deadletter.DeadLetterTail;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.Secrets;
import dev.denorm.sink.SinkTopology;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.capture.ConnectorWatch;
import dev.denorm.capture.Topics;
import dev.denorm.capture.WalGuard;
import dev.denorm.position.Lsn;
import dev.denorm.position.Positions;
import dev.denorm.status.StatusReport.Capture;
import dev.denorm.status.StatusReport.IndexStatus;
import dev.denorm.status.StatusReport.Instance;
import dev.denorm.status.StatusReport.ThreadTasks;
import dev.denorm.status.StatusReport.TopicLag;
import dev.denorm.status.StatusReport.Wal;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a {@link StatusReport} every {@value #REFRESH_MS} ms on a daemon thread: Kafka Streams'
 * state and tasks, the group's committed offsets against the end offsets (Admin), the documents
 * in each index ({@code _count}), the sink's counters, the freshness histogram, the dead-letter
 * topics, and the WAL guard's and connector watch's last findings once {@link #watch} gave them.
 */
public final class StatusMonitor implements AutoCloseable {

  static final long REFRESH_MS = 2_000;
  /** The freshness histogram's window, and how long end offsets are kept for the lag in time. */
  static final long WINDOW_MS = 5 * 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(StatusMonitor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AppConfig config;
  private final KafkaStreams streams;
  private final EngineSession engine;
  private final MeterRegistry meters;
  private final RestoreProgress restores;
  private final String applicationId;
  private final TopicStages stages;
  private final Admin admin;
  private final DeadLetterTail deadLetters;
  private final LagHistory history = new LagHistory(WINDOW_MS);
  private final FreshnessWindow freshness = new FreshnessWindow(WINDOW_MS);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("denorm-status").factory());
  private volatile WalGuard walGuard;
  private volatile ConnectorWatch connectorWatch;
  private volatile Positions positions = Positions.none();
  private volatile StatusReport last;
  private List<TopicLag> lastLag = List.of();

  public StatusMonitor(AppConfig config, KafkaClients kafka, KafkaStreams streams, EngineSession engine,
      MeterRegistry meters, RestoreProgress restores) {
    this.config = config;
    this.streams = streams;
    this.engine = engine;
    this.meters = meters;
    this.restores = restores;
    this.applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    this.stages = new TopicStages(config, applicationId);
    this.admin = kafka.admin("status-admin", Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
    this.deadLetters = new DeadLetterTail(kafka, "status-dead-letters",
        List.of(config.sink().deadLetterTopic(), config.topology().deadLetterTopic()));
  }

  /** Refreshes now and every {@value #REFRESH_MS} ms. */
  public StatusMonitor start() {
    timer.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Shows the WAL guard's and the connector watch's findings (started by the command beside the application). */
  /** Shows the connector's committed position as the read-your-writes waits of this instance see it. */
  public void positions(Positions positions) {
    this.positions = positions;
  }

  public void watch(WalGuard guard, ConnectorWatch connector) {
    this.walGuard = guard;
    this.connectorWatch = connector;
  }

  /** The newest report, or one taken now before the first refresh ended. */
  public StatusReport current() {
    var report = last;
    return report != null ? report : refresh();
  }

  /** {@link #current()} as JSON. */
  public byte[] json() throws IOException {
    return JSON.writeValueAsBytes(current());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("status refresh failed ({}); trying again in {} ms", Secrets.redact(e.toString()), REFRESH_MS);
    }
  }

  synchronized StatusReport refresh() {
    long now = System.currentTimeMillis();
    var problems = new ArrayList<String>();
    var instance = instance();
    var capture = capture();
    List<TopicLag> lag;
    try {
      lag = lag(now);
      lastLag = lag;
    } catch (Exception e) {
      problems.add("Kafka did not answer for the lag (" + message(e) + "); the lag shown is from before");
      lag = lastLag;
    }
    try {
      deadLetters.catchUp();
    } catch (RuntimeException e) {
      problems.add("cannot read the dead-letter topics (" + message(e) + ")");
    }
    var counters = SinkCounters.byIndex(streams.metrics());
    var indexes = new ArrayList<IndexStatus>();
    String engineProblem = null;
    for (String index : Indexes.of(config).names()) {
      long documents = -1;
      try {
        documents = count(index);
      } catch (Exception e) {
        engineProblem = "the search engine at " + String.join(",", config.sink().hosts()) + " does not answer ("
            + message(e) + ")";
      }
      addFreshness(now, index);
      var sink = counters.getOrDefault(index, SinkCounters.NONE);
      var verdict = Verdicts.judge(capture, instance, stages.ofIndex(index, lag), sink.oldestUnacknowledgedMs(),
          engineProblem, config.status().freshMs());
      indexes.add(new IndexStatus(index, verdict.text(), verdict.stage(), verdict.reason(), documents,
          freshness.window(index), sink.writesPerSecond(), sink.retries(), sink.oldestUnacknowledgedMs(),
          deadLetters.ofIndex(index)));
    }
    if (engineProblem != null) {
      problems.add(engineProblem);
    }
    boolean fresh = indexes.stream().allMatch(i -> i.stage() == null);
    var report = new StatusReport(now, applicationId, fresh, config.status().freshMs(), freshness.coveredMs(now),
        instance, capture, List.copyOf(indexes), lag, deadLetters.ofChanges(),
        problems.isEmpty() ? null : String.join("; ", problems));
    last = report;
    return report;
  }

  private Instance instance() {
    var threads = new ArrayList<ThreadTasks>();
    for (var thread : streams.metadataForLocalThreads()) {
      threads.add(new ThreadTasks(thread.threadName(), thread.threadState(), taskIds(thread.activeTasks()),
          taskIds(thread.standbyTasks())));
    }
    threads.sort(Comparator.comparing(ThreadTasks::name));
    return new Instance(streams.state().name(), List.copyOf(threads), restores.now());
  }

  private static List<String> taskIds(Set<TaskMetadata> tasks) {
    return tasks.stream().map(t -> t.taskId().toString()).sorted().toList();
  }

  private Capture capture() {
    var guard = walGuard;
    var connector = connectorWatch;
    var sample = positions.capture();
    if (guard == null && connector == null && sample == null) {
      return null;
    }
    Wal wal = null;
    if (guard != null) {
      var slot = guard.last();
      long limit = config.wal().maxRetainedBytes();
      wal = slot == null
          ? new Wal(config.wal().slot(), false, false, -1, -1, limit, guard.error() == null ? Verdicts.NOT_CHECKED : guard.error())
          : new Wal(slot.name(), slot.found(), slot.active(), slot.retainedBytes(), slot.unconfirmedBytes(), limit,
              slot.found() ? null : "PostgreSQL has no replication slot " + slot.name());
    }
    return new Capture(connector == null ? null : connector.state(), wal, sample == null ? null : Lsn.format(sample.lsn()));
  }

  private List<TopicLag> lag(long now) throws Exception {
    var topics = stages.topics(admin.listTopics().names().get(5, TimeUnit.SECONDS));
    var positions = Topics.positions(admin, applicationId, topics);
    var ends = new HashMap<TopicPartition, Long>();
    positions.forEach((partition, position) -> ends.put(partition, position.end()));
    history.add(now, ends);
    var lag = new ArrayList<TopicLag>();
    positions.forEach((partition, position) -> {
      long at = Math.max(0, position.committed());
      var stage = stages.of(partition.topic());
      lag.add(new TopicLag(partition.topic(), partition.partition(), stage.stage(), stage.index(), position.end(), at,
          position.lag(), history.behindMs(partition, at, position.end(), now)));
    });
    lag.sort(Comparator.comparingInt((TopicLag l) -> StatusReport.STAGES.indexOf(l.stage()))
        .thenComparing(TopicLag::topic).thenComparingInt(TopicLag::partition));
    return List.copyOf(lag);
  }

  private long count(String index) throws IOException {
    var response = engine.client().performRequest(new Request("GET", "/" + index + "/_count"));
    return JSON.readTree(response.getEntity().getContent()).path("count").asLong(-1);
  }

  private void addFreshness(long now, String index) {
    var timer = meters.find(SinkTopology.FRESHNESS).tag("index", index).timer();
    if (timer == null) {
      return;
    }
    freshness.add(now, index, FreshnessWindow.Cumulative.of(timer));
  }

  /**
   * What went wrong, as the page may show it: the error's type, the engine's HTTP status, never an
   * exception's message (an engine's answer quotes the request and its error, which may quote data).
   */
  static String message(Throwable e) {
    var cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ResponseException response) {
      return "HTTP " + response.getResponse().getStatusLine().getStatusCode();
    }
    return Secrets.summary(cause);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deadLetters.close();
    admin.close(Duration.ofSeconds(2));
  }
}
