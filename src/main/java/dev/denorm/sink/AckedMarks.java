package dev.denorm.sink;

import dev.denorm.position.Floor;
import dev.denorm.position.Mark;
import dev.denorm.position.Positions;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The position a sink task's documents are acknowledged up to. A mark at offset m of the document
 * topic counts once every action of every record below m is done (written, or rejected and
 * dead-lettered): the acknowledged prefix, not the last acknowledgement, since requests complete out
 * of order. The task's position is the lowest of the counted marks of every assembling task
 * ({@link Floor}). Actions are opened by the stream thread and done by the writer's threads. An
 * action the writer replaced by a newer one for the same document before sending it is done when
 * that one is: the document the engine gets then covers both. The position goes to {@link
 * Positions} when it rises; without positions tracked nothing is counted at all.
 */
final class AckedMarks {

  private final Positions positions;
  private final String index;
  private final int partition;
  private final boolean tracked;
  /** The last position given to {@link Positions}: only a higher one is given again. */
  private volatile long reported = Floor.UNKNOWN;

  /** Counts alone, reporting nowhere (tests). */
  AckedMarks() {
    this(Positions.sampled(), "", 0);
  }

  /** @param partition the document topic's partition the sink task reads */
  AckedMarks(Positions positions, String index, int partition) {
    this.positions = positions;
    this.index = index;
    this.partition = partition;
    this.tracked = positions.tracked();
  }

  private record Pending(long offset, Mark mark) {}

  /** Offset -> actions of its record not done yet. */
  private final TreeMap<Long, Integer> open = new TreeMap<>();
  private final ArrayDeque<Pending> marks = new ArrayDeque<>();
  /** Offset -> offsets of actions that an action of it replaced in the writer's batch: done when it is. */
  private final Map<Long, ArrayDeque<Long>> covered = new HashMap<>();
  private final Floor floor = new Floor(1);

  /** An action of the record at {@code offset} goes to the writer. */
  synchronized void opened(long offset) {
    if (!tracked) {
      return;
    }
    open.merge(offset, 1, Integer::sum);
  }

  /** An action of the record at {@code offset} is done, and so is an action it replaced, if any. */
  synchronized void done(long offset) {
    if (!tracked) {
      return;
    }
    open.computeIfPresent(offset, (key, count) -> count == 1 ? null : count - 1);
    var older = covered.get(offset);
    if (older != null) {
      long replaced = older.poll();
      if (older.isEmpty()) {
        covered.remove(offset);
      }
      done(replaced);
    }
  }

  /** An action of the record at {@code older} was replaced, unsent, by one of the record at {@code newer}. */
  synchronized void superseded(long older, long newer) {
    if (!tracked) {
      return;
    }
    covered.computeIfAbsent(newer, key -> new ArrayDeque<>()).add(older);
  }

  synchronized void mark(long offset, Mark mark) {
    marks.add(new Pending(offset, mark));
  }

  /**
   * Counts the marks with nothing open below them and gives {@link Positions} the task's position
   * if it rose; returns it, or {@link Floor#UNKNOWN}. Called by the stream thread and the writer's.
   */
  long settle() {
    long now;
    synchronized (this) {
      long lowestOpen = open.isEmpty() ? Long.MAX_VALUE : open.firstKey();
      while (!marks.isEmpty() && marks.peek().offset() < lowestOpen) {
        floor.add(0, marks.poll().mark());
      }
      now = floor.value();
    }
    if (now > reported) {
      reported = now;
      positions.sink(index, partition, now); // keeps the highest, whichever thread gets there first
    }
    return now;
  }

  /** The task leaves this instance: its position is no longer known here. */
  void gone() {
    positions.sinkGone(index, partition);
  }
}
