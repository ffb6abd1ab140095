package dev.denorm.sink.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Cancellable;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch as a _bulk request and sees it through: items that fail transiently (429, 5xx,
 * connection failures, retryable error types) are sent again after an exponential backoff with
 * jitter, for as long as it takes; the batch completes when every item is written, covered by a
 * newer version, or rejected for good. A 413 (the body is over the engine's, or a proxy's, limit)
 * splits the request in halves, sent one after the other, each split again while it gets 413; an
 * action that gets 413 alone is rejected as {@value ItemResult#TOO_LARGE}. Any other
 * request-level failure (400, 401, 403, ...) is a setup problem: it becomes fatal and stops the
 * writer, losing nothing that was not acknowledged.
 */
final class BulkSender<T> {

  private static final Logger log = LoggerFactory.getLogger(BulkSender.class);
  private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
  private static final long RETRY_LOG_INTERVAL_MS = 30_000;

  private final String name;
  private final RestClient client;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final BulkListener<T> listener;
  private final Consumer<List<Batch.Entry<T>>> completed;
  private volatile String lastFailure;
  private volatile RuntimeException fatal;
  private volatile boolean closed;
  private volatile long lastRetryLog;
  private volatile long lastSplitLog;

  BulkSender(String name, RestClient client, ScheduledExecutorService scheduler, Backoff backoff,
      BulkListener<T> listener, Consumer<List<Batch.Entry<T>>> completed) {
    this.name = name;
    this.client = client;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.listener = listener;
    this.completed = completed;
  }

  /** {@code refresh}: the engine refreshes the shards written before it answers (its retries too). */
  void send(List<Batch.Entry<T>> batch, boolean refresh) {
    attempt(batch, 0, refresh, () -> completed.accept(batch));
  }

  /**
   * Sends {@code remaining}, a part of a batch still unacknowledged, and runs {@code done} once each
   * of its actions is acknowledged (written, stale or rejected).
   */
  private void attempt(List<Batch.Entry<T>> remaining, int attempt, boolean refresh, Runnable done) {
    if (closed) {
      return;
    }
    byte[] body = BulkBody.of(BulkWriter.actions(remaining));
    var request = new Request("POST", "/_bulk");
    if (refresh) {
      request.addParameter("refresh", "true");
    }
    request.setEntity(new ByteArrayEntity(body, NDJSON));
    long start = System.nanoTime();
    Cancellable ignored = client.performRequestAsync(request, new ResponseListener() {
      @Override
      public void onSuccess(Response response) {
        try {
          listener.onRequest(remaining.size(), body.length, System.nanoTime() - start);
          var results = BulkResponseParser.parse(response.getEntity().getContent(), remaining.size());
          handleItems(remaining, results, attempt, refresh, done);
        } catch (IOException | RuntimeException e) {
          retry(remaining, attempt, refresh, done, "unreadable bulk response: " + e);
        }
      }

      @Override
      public void onFailure(Exception e) {
        if (e instanceof ResponseException re) {
          int status = re.getResponse().getStatusLine().getStatusCode();
          if (status == 413) {
            split(remaining, body.length, refresh, done, "HTTP 413 from " + re.getResponse().getHost());
          } else if (ErrorClassifier.retriable(status)) {
            retry(remaining, attempt, refresh, done, "HTTP " + status + " from " + re.getResponse().getHost());
          } else {
            fail("HTTP " + status + " for _bulk from " + re.getResponse().getHost()
                + " (not retryable: check credentials and rights)", e);
          }
        } else {
          retry(remaining, attempt, refresh, done, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    });
  }

  private void handleItems(List<Batch.Entry<T>> remaining, List<ItemResult> results, int attempt, boolean refresh,
      Runnable done) {
    var again = new ArrayList<Batch.Entry<T>>();
    String retryType = null;
    for (int i = 0; i < remaining.size(); i++) {
      var entry = remaining.get(i);
      var result = results.get(i);
      switch (result.outcome()) {
        case SUCCESS -> listener.onWritten(entry.action(), entry.token(), false);
        case STALE -> listener.onWritten(entry.action(), entry.token(), true);
        case REJECT -> listener.onRejected(entry.action(), entry.token(), result);
        case RETRY -> {
          again.add(entry);
          retryType = result.status() + " " + result.errorType();
        }
      }
    }
    if (again.isEmpty()) {
      lastFailure = null;
      done.run();
    } else {
      retry(again, attempt, refresh, done, again.size() + " items failed with " + retryType);
    }
  }

  /**
   * The body was too large for the engine (or a proxy in front of it): send each half on its own,
   * the second once the first is acknowledged, so the batch still takes one request slot. An
   * action refused alone can never be written: it is rejected as too large.
   */
  private void split(List<Batch.Entry<T>> part, int bytes, boolean refresh, Runnable done, String why) {
    if (closed) {
      return;
    }
    if (part.size() == 1) {
      var entry = part.getFirst();
      listener.onRejected(entry.action(), entry.token(), ItemResult.tooLarge(why + " for a _bulk request of this"
          + " action alone (" + bytes + " bytes): over the engine's http.max_content_length, or a proxy's limit"));
      done.run();
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastSplitLog >= RETRY_LOG_INTERVAL_MS) {
      lastSplitLog = now;
      log.warn("Sink {}: _bulk of {} actions ({} bytes) was too large ({}); sending it in halves. Lower"
          + " denorm.sink.batch.max.bytes below the engine's limit to save the round trips", name, part.size(), bytes, why);
    }
    int half = part.size() / 2;
    var first = List.copyOf(part.subList(0, half));
    var second = List.copyOf(part.subList(half, part.size()));
    attempt(first, 0, refresh, () -> attempt(second, 0, refresh, done));
  }

  private void retry(List<Batch.Entry<T>> remaining, int attempt, boolean refresh, Runnable done, String why) {
    if (closed) {
      return;
    }
    lastFailure = why;
    listener.onRetry(remaining.size());
    long delay = backoff.delayMs(attempt);
    long now = System.currentTimeMillis();
    if (now - lastRetryLog >= RETRY_LOG_INTERVAL_MS) {
      lastRetryLog = now;
      log.warn("Sink {}: _bulk of {} actions failed ({}); retry {} in {} ms, and for as long as it takes",
          name, remaining.size(), why, attempt + 1, delay);
    }
    scheduler.schedule(() -> attempt(remaining, attempt + 1, refresh, done), delay, TimeUnit.MILLISECONDS);
  }

  private void fail(String message, Exception cause) {
    log.error("Sink {}: {}", name, message);
    fatal = new IllegalStateException("sink " + name + ": " + message, cause);
  }

  String lastFailure() {
    return lastFailure;
  }

  void throwIfFatal() {
    if (fatal != null) {
      throw fatal;
    }
  }

  void close() {
    closed = true;
  }
}
