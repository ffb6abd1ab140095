package dev.denorm.tools.stack;

import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * The JVM-wide Yammer registry that in-process brokers report to. A broker's shutdown leaves gauges
 * there (of its partitions, of the broker itself) that hold the whole stopped broker, its logs'
 * caches included, and a later broker's gauges of the same names do not replace them: a JVM that
 * starts brokers one after the other (the test suite, a tool run twice) kept every one.
 */
public final class BrokerMetrics {

  private BrokerMetrics() {}

  /**
   * Empties the registry after a broker stopped. Brokers of one JVM share the metric names (the
   * first one's gauge stays), so another broker still running loses metrics it did not own alone;
   * the meters and histograms its parts hold go on working.
   */
  public static void release() {
    var registry = KafkaYammerMetrics.defaultRegistry();
    registry.allMetrics().keySet().forEach(registry::removeMetric);
  }
}
