package dev.denorm.position;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Waits until every document that depends on changes committed up to an LSN is searchable in an
 * index: until this instance's sink tasks of the index (all of its document partitions) have had
 * every such document acknowledged by the engine, then until a refresh that began after that has
 * returned. Refreshes happen only for waiters, one at a time per index: waiters that queue behind one
 * find their position covered and need no other. While the connector has not yet committed past the
 * LSN, PostgreSQL is asked for a commit point ({@link Positions#nudger}), or an idle database would
 * never pass it.
 */
public final class Barrier {

  /** Makes what the engine acknowledged in an index searchable ({@code POST <index>/_refresh}). */
  public interface Refresh {
    void refresh(String index) throws IOException;
  }

  /** What came of a wait. */
  public sealed interface Outcome permits Searchable, TimedOut {}

  /** Searchable: every change up to {@code searchable} is, and {@code searchable} is at or past the LSN asked for. */
  public record Searchable(long searchable) implements Outcome {}

  /**
   * Not within the timeout: per stage, how far this instance's tasks got, and the first stage, in
   * pipeline order, that has not reached the LSN ({@code capture}, {@code intake}, {@code assembly},
   * {@code sink}; {@code refresh} when the engine's refresh failed).
   */
  public record TimedOut(String behind, Map<String, Map<String, String>> stages) implements Outcome {}

  /** The stages in pipeline order, as {@link Positions#report} names them. */
  static final List<String> STAGES = List.of("capture", "intake", "assembly", "sink");

  private static final long NUDGE_EVERY_MS = 500;
  private final Positions positions;
  private final Refresh refresh;
  /** Per index, the position that the last refresh made searchable ({@code long[1]}, also the lock of its refreshes). */
  private final ConcurrentMap<String, long[]> searchable = new ConcurrentHashMap<>();

  public Barrier(Positions positions, Refresh refresh) {
    this.positions = positions;
    this.refresh = refresh;
  }

  /**
   * @param partitions how many partitions the index's document topic has: this instance must run the
   *     sink task of each
   */
  public Outcome await(String index, int partitions, long lsn, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastNudge = 0;
    positions.waiter(true);
    try {
      while (true) {
        long acked = positions.sink(index, partitions);
        boolean refreshFailed = false;
        if (acked >= lsn) {
          try {
            return new Searchable(searchable(index, partitions, lsn));
          } catch (IOException e) {
            refreshFailed = true; // the engine did not refresh: again until the timeout
          }
        }
        var capture = positions.capture();
        long now = System.nanoTime();
        if ((capture == null || capture.lsn() < lsn) && now - lastNudge >= NUDGE_EVERY_MS * 1_000_000) {
          lastNudge = now;
          positions.nudge();
        }
        long left = (deadline - now) / 1_000_000;
        if (left <= 0) {
          var stages = positions.report(index);
          return new TimedOut(refreshFailed ? "refresh" : behind(stages, lsn), stages);
        }
        positions.await(Math.min(left, 50));
      }
    } finally {
      positions.waiter(false);
    }
  }

  /** The first stage whose lowest position is below {@code lsn}, or that has none here. */
  static String behind(Map<String, Map<String, String>> stages, long lsn) {
    for (String stage : STAGES) {
      var positions = stages.getOrDefault(stage, Map.of());
      if (positions.isEmpty() || positions.values().stream().mapToLong(Lsn::parse).min().orElse(-1) < lsn) {
        return stage;
      }
    }
    return "refresh";
  }

  private long searchable(String index, int partitions, long lsn) throws IOException {
    long[] made = searchable.computeIfAbsent(index, name -> new long[] {Floor.UNKNOWN});
    synchronized (made) {
      if (made[0] < lsn) {
        // what is acknowledged now is searchable once a refresh that starts after this has returned
        long covers = positions.sink(index, partitions);
        refresh.refresh(index);
        made[0] = Math.max(made[0], covers);
      }
      return made[0];
    }
  }
}
