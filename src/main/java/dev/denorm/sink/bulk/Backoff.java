package dev.denorm.sink.bulk;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: a random delay in [0, min(max, initial * 2^attempt)]. */
public record Backoff(long initialMs, long maxMs) {

  public long delayMs(int attempt) {
    long ceiling = maxMs;
    if (attempt < 30) {
      ceiling = Math.min(maxMs, initialMs << attempt);
    }
    // Never zero: a busy engine gets at least a moment before the next try.
    return Math.max(1, ThreadLocalRandom.current().nextLong(ceiling + 1));
  }
}
