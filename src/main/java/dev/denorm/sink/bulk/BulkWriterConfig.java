package dev.denorm.sink.bulk;

import dev.denorm.config.SinkSettings;

/** The batching and retry limits of a {@link BulkWriter}. */
public record BulkWriterConfig(int maxActions, long maxBytes, long lingerMs, int maxInFlight,
    long backoffInitialMs, long backoffMaxMs) {

  public static BulkWriterConfig from(SinkSettings sink) {
    return new BulkWriterConfig(sink.batchMaxActions(), sink.batchMaxBytes(), sink.lingerMs(),
        sink.maxInFlightRequests(), sink.retryBackoffInitialMs(), sink.retryBackoffMaxMs());
  }
}
