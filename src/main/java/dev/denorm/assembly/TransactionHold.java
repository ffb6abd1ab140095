package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which marked documents wait for the rest of a source transaction ({@code denorm.transactions.aligned}).
 *
 * <p>Every streamed change says after which commit its transaction began ({@link
 * dev.denorm.serde.TransactionHeader}: the connector's last commit position before it, the same for
 * all the transaction's changes). The task's position (its floor of position marks) says that every
 * change committed at or before it is applied here. So a transaction that began after commit
 * {@code p} is wholly applied once the position is above {@code p}: a document whose changes all
 * began at or below {@code position - 1} can be written, and shows only committed states; one with a
 * change of a later transaction waits. A document waits at most {@code max} after its first change
 * not written, and at most {@link #MAX_HELD} wait per task: past either it is written as it is, and
 * counted as unaligned (a document changed without pause, a huge transaction, no positions coming).
 *
 * <p>The task's own mark must not claim a position that a waiting document's changes are below:
 * {@link #cap} lowers it to the first transaction a waiting document has unwritten. In memory only:
 * after a restart the documents still marked wait as changed after commit 0, so until the task's
 * first position (a transaction applied in part before the restart is applied whole by then, if it
 * committed before that position; if after, its later changes mark the document again).
 */
final class TransactionHold {

  /** Documents one task holds at most. */
  static final int MAX_HELD = 100_000;

  /** A document's changes not written yet: the lowest and highest commit their transactions followed, and since when (ms). */
  private record Pending(long first, long last, long since) {
    Pending with(Pending other) {
      return new Pending(Math.min(first, other.first), Math.max(last, other.last), Math.min(since, other.since));
    }
  }

  private final long maxMs;
  private final boolean on;
  private final Map<RowKey, Pending> pending = new HashMap<>();
  /** The documents taken from the emit queue that wait, in the order they began to wait. */
  private final LinkedHashMap<RowKey, Pending> held = new LinkedHashMap<>();
  /** Waiting documents found complete or overdue, to write at the next emits (still held until then). */
  private final LinkedHashSet<RowKey> ready = new LinkedHashSet<>();
  /** How many waiting documents have each {@link Pending#first}: the lowest caps the task's mark. */
  private final TreeMap<Long, Integer> firsts = new TreeMap<>();
  private long position = -1;
  private long scanned = -1;
  private long waited;
  private long unaligned;

  /** @param max the longest a document waits; zero: alignment is off, nothing waits */
  TransactionHold(Duration max) {
    this.maxMs = max.toMillis();
    this.on = maxMs > 0;
  }

  /** A change of this document came, in a transaction that began after the commit at {@code previousCommit} (-1: unknown). */
  void changed(RowKey document, long previousCommit, long now) {
    if (!on || previousCommit < 0) {
      return;
    }
    var change = new Pending(previousCommit, previousCommit, now);
    var before = pending.get(document);
    var merged = before == null ? change : before.with(change);
    pending.put(document, merged);
    if (previousCommit >= position) {
      ready.remove(document); // found complete, but a later transaction changed it since: it waits again
    }
    if (held.containsKey(document)) {
      held.put(document, merged);
      if (merged.first() != before.first()) {
        forget(before.first());
        count(merged.first());
      }
    }
  }

  /** The task's position rose: every change committed at or before it is applied here. */
  void reached(long position) {
    this.position = Math.max(this.position, position);
  }

  /**
   * The document is taken from the emit queue: true if it is to wait (then it is held until {@link
   * #released} gives it back); false if it is to be written now.
   */
  boolean holds(RowKey document, long now) {
    var change = pending.get(document);
    if (change == null) {
      return false;
    }
    if (change.last() < position) {
      drop(document);
      return false;
    }
    boolean waiting = held.containsKey(document);
    if (now - change.since() >= maxMs || (!waiting && held.size() >= MAX_HELD)) {
      unaligned++;
      drop(document);
      return false;
    }
    if (!waiting) {
      held.put(document, change);
      count(change.first());
      waited++;
    }
    return true;
  }

  /**
   * Up to {@code limit} waiting documents to write now: their transactions are applied, or they
   * waited long enough. The others found so stay held (and keep capping the mark) until a later call.
   */
  List<RowKey> released(long now, int limit) {
    if (position > scanned) { // only when the position rose can a transaction be newly complete
      scanned = position;
      for (var entry : held.entrySet()) {
        if (entry.getValue().last() < position) {
          ready.add(entry.getKey());
        }
      }
    }
    for (var entry : held.entrySet()) {
      if (now - entry.getValue().since() < maxMs) {
        break; // the rest began to wait later (about: one marked long before it was taken may be behind)
      }
      if (ready.add(entry.getKey())) {
        unaligned++;
      }
    }
    var due = new ArrayList<RowKey>(Math.min(limit, ready.size()));
    for (var it = ready.iterator(); it.hasNext() && due.size() < limit; ) {
      due.add(it.next());
    }
    due.forEach(this::drop);
    return due;
  }

  /** The highest position the task's mark may claim: below the first transaction a waiting document has unwritten. */
  long cap(long position) {
    return firsts.isEmpty() ? position : Math.min(position, firsts.firstKey());
  }

  /** Whether this document waits (held, not written yet). */
  boolean waiting(RowKey document) {
    return held.containsKey(document);
  }

  /** Whether documents wait. */
  boolean holding() {
    return !held.isEmpty();
  }

  /** Documents that waited for their transactions, ever. */
  long waited() {
    return waited;
  }

  /** Documents written before their transactions were known applied, ever. */
  long unaligned() {
    return unaligned;
  }

  private void drop(RowKey document) {
    pending.remove(document);
    ready.remove(document);
    var was = held.remove(document);
    if (was != null) {
      forget(was.first());
    }
  }

  private void count(long first) {
    firsts.merge(first, 1, Integer::sum);
  }

  private void forget(long first) {
    firsts.computeIfPresent(first, (k, n) -> n == 1 ? null : n - 1);
  }
}
