package dev.denorm.app;

import dev.denorm.index.Indexes;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;
import java.util.concurrent.TimeoutException;
import java.util.List;
import dev.denorm.config.Endpoints;
import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.capture.ConnectorWatch;
import dev.denorm.capture.WalGuard;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code run}: has the embedded stack start the parts that have no external endpoint (see
 * {@link StackParts}), waits for the change topics, and runs the application until the JVM is
 * stopped, watching the connector meanwhile.
 */
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  private final AppConfig config;
  private final Services services;
  private final PrintStream out;

  RunCommand(AppConfig config, Services services, PrintStream out) {
    this.config = config;
    this.services = services;
    this.out = out;
  }

  /**
   * With {@code denorm.source.create.topics=false} the change topics exist once the connector's
   * snapshot reached every table: wait for them as long as it takes, saying so every minute (a
   * start never ends on a timeout).
   */
  private static void awaitChangeTopics(KafkaClients kafka, List<String> topics) throws Exception {
    while (true) {
      try {
        Topics.await(kafka, topics, Duration.ofMinutes(1));
        return;
      } catch (TimeoutException e) {
        LOG.warn("Waiting for the change topics {} on {}: the connector's snapshot creates them. Is the connector "
            + "registered and running? Checking again", topics, kafka.bootstrapServers());
      }
    }
  }

  /** The WAL guard and the connector watch, their findings logged and shown on the app's status page. */
  static void watchCapture(Lifecycle lifecycle, AppConfig config, Endpoints endpoints, DenormApp app) {
    var walGuard = lifecycle.add(new WalGuard(config.wal(), endpoints::connect).start());
    var connectorWatch = lifecycle.add(ConnectorWatch.start(endpoints.connectUrl(), config.stack().connectAccess(),
        config.stack().connectorName(), Duration.ofSeconds(10), Duration.ofSeconds(60)));
    app.watch(walGuard, connectorWatch);
  }

  @Override
  public Integer call() throws Exception {
    // before the lifecycle: a part that nothing can start ends the command at once, with nothing to stop
    var parts = StackParts.start(config, services);
    try (var lifecycle = new Lifecycle()) {
      var stack = lifecycle.add(parts);
      var endpoints = stack.endpoints();
      out.println("Endpoints:");
      out.println(endpoints.describe());
      if (!config.topology().createChangeTopics()) {
        // otherwise the app creates the missing ones itself and takes in each table as the connector writes it
        var topics = Indexes.of(config).changeTopics(config.topology());
        awaitChangeTopics(KafkaClients.of(config).withBootstrapServers(endpoints.bootstrapServers()), topics);
      }
      var app = lifecycle.add(DenormApp.start(config, endpoints, Optional.of(stack.streamsStateDir())));
      watchCapture(lifecycle, config, endpoints, app);
      out.println("denorm is running; Ctrl-C stops it.");
      return lifecycle.awaitWhileHealthy(app::failed);
    }
  }
}
