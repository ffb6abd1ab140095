package dev.denorm.sink.bulk;

import dev.denorm.config.SinkSettings;

/**
 * The batching and retry limits of a {@link BulkWriter}; {@code loneRefresh}: a lone change's
 * request asks the engine to refresh ({@code _bulk?refresh=true}).
 */
public record BulkWriterConfig(int maxActions, long maxBytes, long lingerMs, int maxInFlight,
    long backoffInitialMs, long backoffMaxMs, boolean loneRefresh) {

  /** Without refreshes: every request waits for the index's scheduled refresh. */
  public BulkWriterConfig(int maxActions, long maxBytes, long lingerMs, int maxInFlight, long backoffInitialMs,
      long backoffMaxMs) {
    this(maxActions, maxBytes, lingerMs, maxInFlight, backoffInitialMs, backoffMaxMs, false);
  }

  public static BulkWriterConfig from(SinkSettings sink) {
    return new BulkWriterConfig(sink.batchMaxActions(), sink.batchMaxBytes(), sink.lingerMs(),
        sink.maxInFlightRequests(), sink.retryBackoffInitialMs(), sink.retryBackoffMaxMs(), sink.loneRefresh());
  }
}
