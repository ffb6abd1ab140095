package dev.denorm.sink;

import org.apache.kafka.streams.KafkaStreams;

/** Reads the sink's counters out of a Kafka Streams instance's metrics, for the ITs. */
public final class SinkMetricsReader {

  private SinkMetricsReader() {}

  /** The sum of a sink metric over all tasks of the instance, e.g. "documents-stale-total". */
  public static double sum(KafkaStreams streams, String name) {
    return streams.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals(SinkMetrics.GROUP) && e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
