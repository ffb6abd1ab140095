package dev.denorm.position;

import java.util.Arrays;

/**
 * The position a task has reached from the marks it reads: the lowest of the latest marks of every
 * sending task of every stream (a relation's routed rows, a resolver's parent rows, ...). Unknown
 * ({@link #UNKNOWN}) until each of them sent one. Marks only raise it: a mark lower than the one
 * its sender sent before (a replay after a crash) changes nothing.
 */
public final class Floor {

  public static final long UNKNOWN = -1;
  private final long[][] latest;

  /** @param streams how many streams send marks, numbered from 0 */
  public Floor(int streams) {
    latest = new long[streams][];
  }

  /** @return whether the floor rose */
  public boolean add(int stream, Mark mark) {
    long before = value();
    long[] senders = latest[stream];
    if (senders == null || senders.length != mark.partitions()) {
      // the first mark, or the senders were re-partitioned: their marks start anew
      senders = new long[mark.partitions()];
      Arrays.fill(senders, UNKNOWN);
      latest[stream] = senders;
    }
    senders[mark.partition()] = Math.max(senders[mark.partition()], mark.position());
    return value() > before;
  }

  public long value() {
    long floor = Long.MAX_VALUE;
    for (long[] senders : latest) {
      if (senders == null) {
        return UNKNOWN;
      }
      for (long position : senders) {
        if (position == UNKNOWN) {
          return UNKNOWN;
        }
        floor = Math.min(floor, position);
      }
    }
    return latest.length == 0 ? UNKNOWN : floor;
  }
}
