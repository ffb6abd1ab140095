package dev.denorm.assembly;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * When an assembling task may emit while the connector's initial snapshot streams rows in. The
 * snapshot reads the tables one after the other, and the task hears, per relation, each snapshot
 * row (the snapshot header) and the table's end (the snapshot-end mark after its last row):
 * <ul>
 *   <li>every relation's table ended: emit at once;</li>
 *   <li>a table's snapshot is under way (rows came, no end yet): hold until no snapshot row came for
 *       {@code max}, however long a busy instance pauses between two of them;</li>
 *   <li>otherwise (between two tables, or a table that sends no end: an empty one, or one whose only
 *       row is the snapshot's first): hold until no snapshot row came for {@code quiet}. Which of these
 *       it is, the task cannot tell: a table not begun sends nothing, like an empty one, and the connector
 *       may take long to begin one (a lock held on it), so {@code quiet} is long (30 s by default): an
 *       empty table costs its indexes that wait at the first start, a slow one does not let an order out
 *       without its lines.</li>
 * </ul>
 * Before any snapshot row, nothing is held. In memory only: a restarted task holds again from the
 * next snapshot row it gets.
 */
final class SnapshotHold {

  private final long quietMs;
  private final long maxMs;
  private final Set<Object> streaming = new HashSet<>();
  private final Set<Object> ended = new HashSet<>();
  private int relations;
  private long lastRow = Long.MIN_VALUE;

  SnapshotHold(Duration quiet, Duration max) {
    this.quietMs = quiet.toMillis();
    this.maxMs = max.toMillis();
  }

  /** How many relations the index has: when all of them ended, the hold is over. */
  void relations(int count) {
    this.relations = count;
  }

  /**
   * A snapshot row of this relation reached the task. {@code first}: the snapshot's first row, which
   * may be its table's only one (then no end mark follows): it alone does not put the table under way.
   */
  void row(Object relation, long now, boolean first) {
    lastRow = now;
    ended.remove(relation);
    if (!first) {
      streaming.add(relation);
    }
  }

  /** The relation's table sent its last snapshot row. */
  void end(Object relation, long now) {
    streaming.remove(relation);
    ended.add(relation);
    if (lastRow != Long.MIN_VALUE) {
      lastRow = now;
    }
  }

  boolean holds(long now) {
    if (lastRow == Long.MIN_VALUE || quietMs == 0) {
      return false;
    }
    if (streaming.isEmpty() && ended.size() >= relations) {
      return false;
    }
    return now - lastRow < (streaming.isEmpty() ? quietMs : maxMs);
  }
}
