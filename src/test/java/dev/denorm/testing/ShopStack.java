package dev.denorm.testing;

import dev.denorm.capture.Topics;
import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.Stack;
import java.time.Duration;

/** The embedded stack as the group ITs start it: a generated shop, the connector registered, the change topics there. */
public final class ShopStack {

  private ShopStack() {}

  /**
   * Starts the stack with a shop of {@code customers} customers (seed 3), registers the connector
   * and returns once every change topic the indexes read exists (Connect creates each with the
   * table's first snapshot record), within two minutes.
   */
  public static Stack start(AppConfig config, int customers) throws Exception {
    var stack = Stack.start(config, e -> {
      try (var c = e.connect()) {
        new ShopGenerator(customers, 3).fill(c);
      }
    });
    try {
      Topics.await(EmbeddedKafkaBroker.clients(stack.endpoints().bootstrapServers()),
          Indexes.of(config).changeTopics(config.topology()), Duration.ofMinutes(2));
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }
}
