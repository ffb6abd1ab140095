package dev.denorm.sink.bulk;

import dev.denorm.config.SinkSettings;

/**
 * The batching and retry limits of a {@link BulkWriter}; {@code maxBytes}: the most bytes a
 * request's body holds (an action larger than that alone is rejected as too large);
 * {@code loneRefresh}: a lone change's request asks the engine to refresh ({@code _bulk?refresh=true}).
 */
public record BulkWriterConfig(int maxActions, long maxBytes, long lingerMs, int maxInFlight,
    long backoffInitialMs, long backoffMaxMs, boolean loneRefresh) {

  /** Without refreshes: every request waits for the index's scheduled refresh. */
  public BulkWriterConfig(int maxActions, long maxBytes, long lingerMs, int maxInFlight, long backoffInitialMs,
      long backoffMaxMs) {
    this(maxActions, maxBytes, lingerMs, maxInFlight, backoffInitialMs, backoffMaxMs, false);
  }

  /** The same, with requests bounded by {@code requestLimit} too where that is lower (the engine's limit). */
  public BulkWriterConfig capped(long requestLimit) {
    return new BulkWriterConfig(maxActions, Math.min(maxBytes, requestLimit), lingerMs, maxInFlight, backoffInitialMs,
        backoffMaxMs, loneRefresh);
  }

  public static BulkWriterConfig from(SinkSettings sink) {
    return new BulkWriterConfig(sink.batchMaxActions(), sink.batchMaxBytes(), sink.lingerMs(),
        sink.maxInFlightRequests(), sink.retryBackoffInitialMs(), sink.retryBackoffMaxMs(), sink.loneRefresh());
  }
}
