package dev.denorm.sink.bulk;

import dev.denorm.sink.convert.BulkAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.ReentrantLock;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches actions into _bulk requests by count, bytes and linger time, with at most
 * {@code maxInFlight} requests in flight. An action that arrives when nothing is in flight and
 * nothing was sent for a linger time goes at once: it is a lone change, not the start of a batch
 * (and, with {@link BulkWriterConfig#loneRefresh()}, asks the engine to make it searchable at once). {@link #add} waits (backpressure) when the next batch
 * is full and every slot is busy; {@link #flush} returns once the engine has acknowledged every
 * action added before it. Two actions for the same document are never in flight at once, so
 * retries cannot reorder them. Failed requests are retried forever by {@link BulkSender}.
 */
public final class BulkWriter<T> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
  private static final long WAIT_LOG_INTERVAL_MS = 30_000;
  /** An action unacknowledged for this long is logged as stuck (and again every interval). */
  static final long STUCK_AFTER_MS = 30_000;

  private final BulkSender<T> sender;
  private final ScheduledExecutorService scheduler;
  private final int maxActions;
  private final long maxBytes;
  private final long lingerMs;
  private final int maxInFlight;
  private final boolean loneRefresh;
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
  private long lastStuckLog;
  private final LongSupplier nanoClock;
  /** When the last request was sent (or the writer made): quiet for a linger time means send at once. */
  private long lastDispatchNanos;
  /** When each batch in flight was opened: the oldest is the oldest unacknowledged action. */
  private final Map<List<Batch.Entry<T>>, Long> inFlightOpened = new IdentityHashMap<>();
  private final BulkListener<T> listener;
  private final ScheduledFuture<?> watch;

  public BulkWriter(String name, RestClient client, ScheduledExecutorService scheduler, BulkWriterConfig config,
      BulkListener<T> listener) {
    this(name, client, scheduler, config, listener, System::nanoTime);
  }

  /** With the clock that tells when the writer was last busy (tests pass their own). */
  BulkWriter(String name, RestClient client, ScheduledExecutorService scheduler, BulkWriterConfig config,
      BulkListener<T> listener, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.lastDispatchNanos = nanoClock.getAsLong();
    this.name = name;
    this.scheduler = scheduler;
    this.maxActions = config.maxActions();
    this.maxBytes = config.maxBytes();
    this.lingerMs = config.lingerMs();
    this.maxInFlight = config.maxInFlight();
    this.loneRefresh = config.loneRefresh();
    this.listener = listener;
    this.sender = new BulkSender<>(name, client, scheduler, new Backoff(config.backoffInitialMs(), config.backoffMaxMs()),
        listener, this::completed);
    this.watch = scheduler.scheduleAtFixedRate(this::watch, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Adds an action; waits while the next batch is full and all requests in flight are busy. A batch
   * never exceeds the byte bound: an action that would overflow it starts the next batch, and one
   * larger than the bound by itself is rejected at once ({@link BulkListener#onRejected}, on this
   * thread, as {@value ItemResult#TOO_LARGE}) and never sent.
   */
  public void add(BulkAction action, T token) throws InterruptedException {
    int idBytes = action.id().getBytes(StandardCharsets.UTF_8).length;
    if (idBytes > ItemResult.MAX_ID_BYTES) {
      listener.onRejected(action, token, ItemResult.idTooLong("its _id is " + idBytes + " bytes of UTF-8, more than the "
          + ItemResult.MAX_ID_BYTES + " the engines take (the root key's text: see RowKey)"));
      return;
    }
    int size = BulkBody.sizeOf(action);
    lock.lock();
    try {
      ensureOpen();
      if (size > maxBytes) {
        listener.onRejected(action, token, ItemResult.tooLarge("its _bulk lines are " + size + " bytes, more than the "
            + maxBytes + " a request may carry (denorm.sink.batch.max.bytes, or the engine's http.max_content_length"
            + " where lower)"));
        return;
      }
      if (!open.isEmpty() && open.bytesWith(action, size) > maxBytes) {
        dispatchFull();
      }
      var replaced = open.add(action, token, size);
      if (replaced != null) {
        listener.onSuperseded(replaced.action(), replaced.token(), token);
      }
      if (open.isFull(maxActions, maxBytes)) {
        dispatchFull();
      } else if (quiet() && tryDispatch(loneRefresh)) {
        // a lone change after a quiet time: waiting for more, or for the index's next refresh, would only add to
        // its latency; at most one such request per linger time, so the refreshes it asks for stay rare
      } else if (!lingerScheduled) {
        lingerScheduled = true;
        scheduler.schedule(this::lingerExpired, lingerMs, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends the open batch, waiting for a free request slot (backpressure). */
  private void dispatchFull() throws InterruptedException {
    while (!open.isEmpty() && !tryDispatch(false)) {
      awaitChange("a free request slot for a full batch");
    }
  }

  /** Sends what is buffered and waits until the engine has acknowledged every action. */
  public void flush() throws InterruptedException {
    lock.lock();
    try {
      while (!open.isEmpty() || inFlight > 0) {
        ensureOpen();
        if (open.isEmpty() || !tryDispatch(false)) {
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
    watch.cancel(false);
    lock.lock();
    try {
      closed = true;
      sender.close();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Nothing in flight and nothing sent for a linger time: no batch is forming that waiting would grow. */
  private boolean quiet() {
    return inFlight == 0 && nanoClock.getAsLong() - lastDispatchNanos >= TimeUnit.MILLISECONDS.toNanos(lingerMs);
  }

  private boolean tryDispatch(boolean refresh) {
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
    var entries = batch.entries();
    inFlightOpened.put(entries, batch.openedNanos());
    lastDispatchNanos = nanoClock.getAsLong();
    sender.send(entries, refresh);
    return true;
  }

  private void lingerExpired() {
    lock.lock();
    try {
      lingerScheduled = false;
      if (!closed && !open.isEmpty() && !tryDispatch(false)) {
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
      inFlightOpened.remove(entries);
      entries.forEach(e -> inFlightKeys.remove(Batch.key(e.action())));
      if (!closed && !open.isEmpty() && (open.isFull(maxActions, maxBytes) || open.ageMillis() >= lingerMs)) {
        tryDispatch(false);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How long the oldest unacknowledged action has waited, in ms; 0 when none is pending. */
  public long oldestUnacknowledgedMs() {
    lock.lock();
    try {
      long oldest = open.isEmpty() ? Long.MAX_VALUE : open.openedNanos();
      for (long opened : inFlightOpened.values()) {
        oldest = Math.min(oldest, opened);
      }
      return oldest == Long.MAX_VALUE ? 0 : (System.nanoTime() - oldest) / 1_000_000;
    } finally {
      lock.unlock();
    }
  }

  /** Once a second, on the timer: the age of the oldest pending action, and a WARN when it is stuck. */
  private void watch() {
    long age = oldestUnacknowledgedMs();
    listener.onOldestUnacknowledged(age);
    long now = System.currentTimeMillis();
    if (age >= STUCK_AFTER_MS && now - lastStuckLog >= WAIT_LOG_INTERVAL_MS) {
      lastStuckLog = now;
      String failure = sender.lastFailure();
      log.warn("Sink {} is stuck: its oldest of {} unacknowledged actions has waited {} s for the search engine ({})",
          name, pending(), age / 1000, failure == null ? "no error: its requests are in flight, so the engine is slow or "
              + "frozen" : "last error: " + failure);
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
