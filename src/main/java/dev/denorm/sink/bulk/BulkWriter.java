package dev.denorm.sink.bulk;

import dev.denorm.sink.convert.BulkAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches actions into _bulk requests by count, bytes and linger time, with at most
 * {@code maxInFlight} requests in flight. {@link #add} waits (backpressure) when the next batch
 * is full and every slot is busy; {@link #flush} returns once the engine has acknowledged every
 * action added before it. Two actions for the same document are never in flight at once, so
 * retries cannot reorder them. Failed requests are retried forever by {@link BulkSender}.
 */
public final class BulkWriter<T> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
  private static final long WAIT_LOG_INTERVAL_MS = 30_000;

  private final BulkSender<T> sender;
  private final ScheduledExecutorService scheduler;
  private final int maxActions;
  private final long maxBytes;
  private final long lingerMs;
  private final int maxInFlight;
  private final String name;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private Batch<T> open = new Batch<>();
  private final Set<String> inFlightKeys = new HashSet<>();
  private int inFlight;
  private int inFlightActions;
  private boolean lingerScheduled;
  private boolean closed;
  private long lastWaitLog;

  public BulkWriter(String name, RestClient client, ScheduledExecutorService scheduler, BulkWriterConfig config,
      BulkListener<T> listener) {
    this.name = name;
    this.scheduler = scheduler;
    this.maxActions = config.maxActions();
    this.maxBytes = config.maxBytes();
    this.lingerMs = config.lingerMs();
    this.maxInFlight = config.maxInFlight();
    this.sender = new BulkSender<>(name, client, scheduler, new Backoff(config.backoffInitialMs(), config.backoffMaxMs()),
        listener, this::completed);
  }

  /** Adds an action; waits while the next batch is full and all requests in flight are busy. */
  public void add(BulkAction action, T token) throws InterruptedException {
    lock.lock();
    try {
      ensureOpen();
      open.add(action, token);
      if (open.isFull(maxActions, maxBytes)) {
        while (!open.isEmpty() && !tryDispatch()) {
          awaitChange("a free request slot for a full batch");
        }
      } else if (!lingerScheduled) {
        lingerScheduled = true;
        scheduler.schedule(this::lingerExpired, lingerMs, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends what is buffered and waits until the engine has acknowledged every action. */
  public void flush() throws InterruptedException {
    lock.lock();
    try {
      while (!open.isEmpty() || inFlight > 0) {
        ensureOpen();
        if (open.isEmpty() || !tryDispatch()) {
          awaitChange("acknowledgement of " + (open.size() + inFlightActions) + " actions");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Actions added but not yet acknowledged. */
  public int pending() {
    lock.lock();
    try {
      return open.size() + inFlightActions;
    } finally {
      lock.unlock();
    }
  }

  /** Stops without waiting: unacknowledged actions are dropped (their offsets are not committed). */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      sender.close();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean tryDispatch() {
    if (inFlight >= maxInFlight) {
      return false;
    }
    for (String key : open.keys()) {
      if (inFlightKeys.contains(key)) {
        return false;
      }
    }
    var batch = open;
    open = new Batch<>();
    inFlight++;
    inFlightActions += batch.size();
    batch.keys().forEach(inFlightKeys::add);
    sender.send(batch.entries());
    return true;
  }

  private void lingerExpired() {
    lock.lock();
    try {
      lingerScheduled = false;
      if (!closed && !open.isEmpty() && !tryDispatch()) {
        // Busy: the next completion sends it.
        lingerScheduled = true;
        scheduler.schedule(this::lingerExpired, Math.max(1, lingerMs), TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  private void completed(List<Batch.Entry<T>> entries) {
    lock.lock();
    try {
      inFlight--;
      inFlightActions -= entries.size();
      entries.forEach(e -> inFlightKeys.remove(Batch.key(e.action())));
      if (!closed && !open.isEmpty() && (open.isFull(maxActions, maxBytes) || open.ageMillis() >= lingerMs)) {
        tryDispatch();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void awaitChange(String what) throws InterruptedException {
    changed.await(1, TimeUnit.SECONDS);
    ensureOpen();
    long now = System.currentTimeMillis();
    String failure = sender.lastFailure();
    if (failure != null && now - lastWaitLog >= WAIT_LOG_INTERVAL_MS) {
      lastWaitLog = now;
      log.warn("Sink {} is waiting for {}; the search engine is failing: {}", name, what, failure);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("bulk writer " + name + " is closed");
    }
    sender.throwIfFatal();
  }

  /** Requests in flight now, for tests of the bound. */
  int inFlightRequests() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  static <T> List<BulkAction> actions(List<Batch.Entry<T>> entries) {
    var actions = new ArrayList<BulkAction>(entries.size());
    entries.forEach(e -> actions.add(e.action()));
    return actions;
  }
}
