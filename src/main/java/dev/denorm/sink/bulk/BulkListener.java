package dev.denorm.sink.bulk;

import dev.denorm.sink.convert.BulkAction;

/**
 * Hears what happened to each action. Called on the HTTP client's threads: implementations must
 * be thread-safe and quick.
 *
 * @param <T> the caller's token that travels with each action
 */
public interface BulkListener<T> {

  /** The action is done: written, or already covered by a newer version ({@code stale}). */
  void onWritten(BulkAction action, T token, boolean stale);

  /** The engine rejected the action for good. */
  void onRejected(BulkAction action, T token, ItemResult error);

  /**
   * A newer action for the same document replaced {@code older} before it was sent: {@code older}
   * gets no other callback; it is done when the newer one ({@code newerToken}) is. Called on the
   * adding thread.
   */
  default void onSuperseded(BulkAction older, T olderToken, T newerToken) {}

  /** One _bulk round trip completed. */
  default void onRequest(int actions, int bytes, long latencyNanos) {}

  /** Actions are being sent again after a transient failure. */
  default void onRetry(int actions) {}

  /**
   * Once a second: how long the oldest action not yet acknowledged has waited, in ms (0 when none
   * is pending). A value that only grows is a stuck engine.
   */
  default void onOldestUnacknowledged(long ageMs) {}
}
