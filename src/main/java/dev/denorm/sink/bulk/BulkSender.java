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
 * newer version, or rejected for good. Any other request-level failure (401, 403, 413, ...) is a
 * setup problem: it becomes fatal and stops the writer, losing nothing that was not acknowledged.
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
    attempt(batch, batch, 0, refresh);
  }

  /** Sends {@code remaining}, the part of {@code batch} still unacknowledged. */
  private void attempt(List<Batch.Entry<T>> batch, List<Batch.Entry<T>> remaining, int attempt, boolean refresh) {
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
          handleItems(batch, remaining, results, attempt, refresh);
        } catch (IOException | RuntimeException e) {
          retry(batch, remaining, attempt, refresh, "unreadable bulk response: " + e);
        }
      }

      @Override
      public void onFailure(Exception e) {
        if (e instanceof ResponseException re) {
          int status = re.getResponse().getStatusLine().getStatusCode();
          if (status == 429 || status >= 500) {
            retry(batch, remaining, attempt, refresh, "HTTP " + status + " from " + re.getResponse().getHost());
          } else {
            fail("HTTP " + status + " for _bulk from " + re.getResponse().getHost()
                + " (not retryable: check credentials, rights and batch.max.bytes)", e);
          }
        } else {
          retry(batch, remaining, attempt, refresh, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    });
  }

  private void handleItems(List<Batch.Entry<T>> batch, List<Batch.Entry<T>> remaining, List<ItemResult> results,
      int attempt, boolean refresh) {
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
      completed.accept(batch);
    } else {
      retry(batch, again, attempt, refresh, again.size() + " items failed with " + retryType);
    }
  }

  private void retry(List<Batch.Entry<T>> batch, List<Batch.Entry<T>> remaining, int attempt, boolean refresh,
      String why) {
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
    scheduler.schedule(() -> attempt(batch, remaining, attempt + 1, refresh), delay, TimeUnit.MILLISECONDS);
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
