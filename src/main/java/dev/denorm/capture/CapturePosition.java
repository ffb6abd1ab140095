package dev.denorm.capture;

import dev.denorm.config.KafkaClients;
import dev.denorm.config.Secrets;
import dev.denorm.position.CaptureSample;
import dev.denorm.position.Positions;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples how far the capture stage has surely got, for read-your-writes waits ({@link Positions}):
 * at the first tick (every 100 ms) after the connector's committed position rose, which the worker
 * writes at its offset flushes; every 100 ms while someone waits on this instance or documents are
 * held; else every second. A wait answered on another instance of the group thus does not wait for
 * this one's next second to see the connector's commit. A sample reads, in this order, because each
 * read vouches only for what the one before it found:
 * <ol>
 *   <li>L, the connector's committed {@code lsn_commit} from Kafka Connect's offsets topic ({@link ConnectOffsetsTopic}):
 *   every record of every transaction committed at or before L is acknowledged in the change topics;</li>
 *   <li>the change topics' end offsets: read after L, so below them lies each of those records;</li>
 *   <li>the application's committed offsets on them (group = application.id): below those it has
 *   applied every record, in this run or an earlier one.</li>
 * </ol>
 * Read in another order, an end could predate a record that L already covers. While the connector
 * has no {@code lsn_commit} (its initial snapshot) nothing is sampled. {@link #nudge()} asks
 * PostgreSQL for a commit point ({@link CapturePositionNudge}), so that L passes a waiter's LSN on a
 * database whose captured tables see no change. A failed sample is logged as a WARN at most once a
 * minute and the sampling goes on; nothing is thrown out of the sampler.
 */
public final class CapturePosition implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CapturePosition.class);
  static final long TICK_MS = 100;
  static final long IDLE_EVERY_MS = 1000;
  private static final long WARN_EVERY_MS = 60_000;
  /** Short Admin timeouts: a sample that cannot finish gives way to the next one. */
  private static final Map<String, Object> QUICK = Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
  private final ConnectOffsetsTopic offsets;
  private final Admin admin;
  private final String group;
  private final List<String> changeTopics;
  private final Positions positions;
  private final ScheduledExecutorService timer = DaemonTimer.named("denorm-capture-position");
  private final CapturePositionNudge nudge;
  private long lastSample;
  private final long idleEveryNanos;
  private long lastWarn;
  private boolean warned;

  private CapturePosition(ConnectOffsetsTopic offsets, Admin admin, String group, Collection<String> changeTopics,
      WalGuard.Database database, Positions positions, long idleEveryNanos) {
    this.idleEveryNanos = idleEveryNanos;
    this.offsets = offsets;
    this.admin = admin;
    this.group = group;
    this.changeTopics = List.copyOf(changeTopics);
    this.positions = positions;
    this.nudge = new CapturePositionNudge(database, timer);
  }

  /**
   * Starts sampling on a daemon thread, the first sample at once, and makes {@link #nudge()} the
   * nudger of {@code positions}.
   *
   * @param offsetsTopic the Connect worker's {@code offset.storage.topic}, on {@code kafka}'s cluster
   * @param connectorName the connector whose committed offsets are read there
   * @param applicationId the application's consumer group
   * @param changeTopics the change topics the application reads (those that exist are sampled)
   * @param database PostgreSQL, for the nudge
   */
  public static CapturePosition start(KafkaClients kafka, String offsetsTopic, String connectorName,
      String applicationId, Collection<String> changeTopics, WalGuard.Database database, Positions positions) {
    return start(kafka, offsetsTopic, connectorName, applicationId, changeTopics, database, positions,
        Duration.ofMillis(IDLE_EVERY_MS));
  }

  /** @param idleEvery how often to sample when nothing else asks for one (tests: long, to see what else does) */
  static CapturePosition start(KafkaClients kafka, String offsetsTopic, String connectorName, String applicationId,
      Collection<String> changeTopics, WalGuard.Database database, Positions positions, Duration idleEvery) {
    var capture = new CapturePosition(new ConnectOffsetsTopic(kafka, offsetsTopic, connectorName),
        kafka.admin("capture-position", QUICK), applicationId, changeTopics, database, positions, idleEvery.toNanos());
    positions.nudger(capture::nudge);
    capture.lastSample = System.nanoTime() - capture.idleEveryNanos;
    capture.timer.scheduleWithFixedDelay(capture::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    return capture;
  }

  /** Asks PostgreSQL for a commit point, on the sampler's thread; returns at once (see {@link CapturePositionNudge}). */
  public void nudge() {
    nudge.request();
  }

  /** How many nudges PostgreSQL took. */
  public int nudges() {
    return nudge.sent();
  }

  private void tick() {
    long now = System.nanoTime();
    boolean holding = positions.holding();
    if (holding) {
      positions.nudge(); // documents wait for their transactions: an idle database must move on too (rate-limited)
    }
    try {
      if (positions.waiting() == 0 && !holding && now - lastSample < idleEveryNanos
          && !offsets.committedPast(positions.capture() == null ? -1 : positions.capture().lsn())) {
        return;
      }
      lastSample = now;
      sample();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (IOException | ExecutionException | RuntimeException e) {
      long millis = TimeUnit.NANOSECONDS.toMillis(now);
      if (!warned || millis - lastWarn >= WARN_EVERY_MS) {
        warned = true;
        lastWarn = millis;
        LOG.warn("Cannot sample the capture position for read-your-writes waits: {}; they wait until a sample "
            + "succeeds. Trying again", e.getClass() == IOException.class ? e.getMessage()
            : Secrets.summary(e) + " (reading " + offsets.topic() + " and the change topics' offsets)");
      }
    }
  }

  private void sample() throws IOException, InterruptedException, ExecutionException {
    var lsn = offsets.committedLsn();
    if (lsn.isEmpty()) {
      LOG.debug("The connector's offsets in {} have no {} yet (snapshot, or no commit streamed since)", offsets.topic(),
          ConnectOffsetsTopic.COMMIT);
      return;
    }
    // ends first, then the group's commits: Topics.positions reads them in this order
    var read = Topics.positions(admin, group, changeTopics);
    var ends = new HashMap<TopicPartition, Long>();
    var committed = new HashMap<TopicPartition, Long>();
    read.forEach((partition, position) -> {
      ends.put(partition, position.end());
      if (position.committed() >= 0) {
        committed.put(partition, position.committed());
      }
    });
    positions.capture(new CaptureSample(lsn.getAsLong(), ends, committed));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    nudge.close();
    admin.close(Duration.ofSeconds(5));
    offsets.close();
  }
}
