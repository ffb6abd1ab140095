package dev.denorm.app;

import dev.denorm.config.Secrets;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, a part that is down or frozen (Kafka, the search engine) is waited for, never a reason
 * to exit: each failed try is logged at WARN with what was tried, where, why, and when the next
 * try comes, with a backoff up to 30 s. What cannot get better by waiting (a 4xx from the engine,
 * a config error, a stored-shape check that failed) is thrown at once.
 */
final class StartupWait {

  /** One try; its exceptions say whether waiting can help. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration MOST = Duration.ofSeconds(30);

  private StartupWait() {}

  static <T> T until(String what, String where, Attempt<T> attempt) throws IOException {
    long started = System.nanoTime();
    Duration pause = FIRST;
    for (int tries = 1; ; tries++) {
      try {
        T result = attempt.run();
        if (tries > 1) {
          LOG.info("{} at {} answered after {} s of waiting", what, where, (System.nanoTime() - started) / 1_000_000_000L);
        }
        return result;
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (!worthWaiting(cause)) {
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw cause instanceof IOException io ? io : new IOException(what + " at " + where + ": " + cause.getMessage(), cause);
        }
        LOG.warn("Waiting for {} at {} (try {}, {} s so far): {}. Next try in {} s; check that it runs and is reachable.",
            what, where, tries, (System.nanoTime() - started) / 1_000_000_000L, describe(cause), pause.toSeconds());
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + what + " at " + where, e);
      }
      pause = pause.multipliedBy(2).compareTo(MOST) > 0 ? MOST : pause.multipliedBy(2);
    }
  }

  static boolean worthWaiting(Throwable cause) {
    if (cause instanceof ResponseException response) {
      int status = response.getResponse().getStatusLine().getStatusCode();
      return status >= 500 || status == 429;
    }
    return cause instanceof IOException || cause instanceof TimeoutException || cause instanceof RetriableException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException;
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + Secrets.redact(cause.getMessage()));
  }
}
