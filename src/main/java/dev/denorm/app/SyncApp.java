package dev.denorm.app;

import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import dev.denorm.stack.Endpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application itself: the production topology in a KafkaStreams instance. */
public final class SyncApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncApp.class);
  private final KafkaStreams streams;

  private SyncApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * Starts the topology against the stack's Kafka.
   *
   * @param stateDir used as state.dir unless the configuration sets one
   */
  public static SyncApp start(AppConfig configured, Endpoints endpoints, Optional<Path> stateDir) {
    var config = configured.with(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()));
    var props = config.streamsProperties();
    stateDir.ifPresent(dir -> props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
    var topology = SyncTopology.build(config, Indexes.all());
    var streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; stopping this instance", e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
    return new SyncApp(streams);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public boolean failed() {
    var state = streams.state();
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(15));
  }
}
