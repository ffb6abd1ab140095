package dev.denorm.sink;

import dev.denorm.testing.EmbeddedKafkaBroker;
import java.util.HashMap;
import java.nio.file.Files;
import dev.denorm.capture.Topics;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.StreamsDefaults;
import dev.denorm.config.TopologySettings;
import dev.denorm.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.awaitility.Awaitility;

/** A Kafka Streams instance running just the sink sub-topology, for the ITs. */
final class SinkApp implements AutoCloseable {

  private final KafkaStreams streams;
  private final EngineSession engine;
  private final Path stateDir = TempDirs.create("denorm-sink-state-");

  SinkApp(String bootstrap, String applicationId, TopologySettings topology, SinkSettings sink,
      List<TestIndex<?>> indexes, long commitIntervalMs, Consumer<StreamsBuilder> extra) throws Exception {
    engine = new EngineSession(sink);
    var byTopic = new HashMap<String, String>();
    indexes.forEach(index -> byTopic.put(topology.documentTopic(index.name()), index.name()));
    var ids = new HashMap<String, String>();
    Topics.ids(EmbeddedKafkaBroker.clients(bootstrap), byTopic.keySet()).forEach((topic, id) -> ids.put(byTopic.get(topic), id));
    engine.prepare(indexes, ids);
    var builder = new StreamsBuilder();
    SinkTopology.addTo(builder, topology, sink, indexes, () -> engine);
    extra.accept(builder);
    Properties props = StreamsDefaults.properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    // One thread: the sink's metrics are read per thread, and the crash test needs the crashing
    // task and the sink in one thread (a second thread would close cleanly and commit, correctly).
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    streams = new KafkaStreams(builder.build(), props);
    streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    streams.start();
    Awaitility.await("streams running").atMost(Duration.ofSeconds(60))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
  }

  /** The sum of a sink counter over all tasks, e.g. "documents-stale-total". */
  double metric(String name) {
    return SinkMetricsReader.sum(streams, name);
  }

  KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() throws Exception {
    try {
      // Leave the group so that a restart in the same test does not wait for the session timeout.
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
      streams.cleanUp();
    } finally {
      engine.close();
      // Kafka Streams may still touch its state directory right after close: delete until it is gone.
      Awaitility.await("state directory deleted").atMost(Duration.ofSeconds(10)).until(() -> {
        TempDirs.delete(stateDir);
        return !Files.exists(stateDir);
      });
    }
  }
}
