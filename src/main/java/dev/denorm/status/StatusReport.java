package dev.denorm.status;

import dev.denorm.deadletter.DeadLetterCount;
import java.util.List;

/**
 * One immutable snapshot of an instance's view of the pipeline, served as {@code GET /status}.
 * Lag and dead letters are the group's (read from Kafka); writes/s, retries and the freshness
 * histogram are this instance's tasks'.
 *
 * @param at when it was taken (epoch ms)
 * @param fresh every index is fresh
 * @param freshBoundMs a stage further behind than this makes an index "behind"
 * @param windowMs the freshness histogram covers this much time before {@code at} (less just after start)
 */
public record StatusReport(long at, String applicationId, boolean fresh, long freshBoundMs, long windowMs,
    Instance instance, Capture capture, List<IndexStatus> indexes, List<TopicLag> lag, DeadLetterCount changeDeadLetters,
    String problem) {

  /** Stages in pipeline order; a verdict names the first one behind. */
  public static final List<String> STAGES = List.of("capture", "instance", "change-tables", "assembly", "sink", "engine");

  /** This instance: its Kafka Streams state, threads with their tasks, and the stores being restored. */
  public record Instance(String state, List<ThreadTasks> threads, Restoring restoring) {}

  public record ThreadTasks(String name, String state, List<String> active, List<String> standby) {}

  /** Changelog restoration of active tasks: how many stores, records restored of those to restore. */
  public record Restoring(int stores, long restored, long total) {

    public static final Restoring NONE = new Restoring(0, 0, 0);

    public int percent() {
      return total <= 0 ? 100 : (int) Math.min(100, restored * 100 / total);
    }
  }

  /**
   * Capture: the connector's last checked state, the replication slot's WAL, and the connector's
   * committed position as read-your-writes waits see it ({@code committedLsn}, pg_lsn text; null when
   * not sampled); null when not watched.
   */
  public record Capture(String connector, Wal wal, String committedLsn) {

    public Capture(String connector, Wal wal) {
      this(connector, wal, null);
    }
  }

  /** The WAL guard's last reading: {@code error} when it could not read the slot. */
  public record Wal(String slot, boolean found, boolean active, long retainedBytes, long unconfirmedBytes,
      long limitBytes, String error) {

    public boolean overLimit() {
      return found && retainedBytes > limitBytes;
    }
  }

  /**
   * One partition the group reads: records not yet committed, and how long the oldest of them has
   * waited at most ({@code behindMs}, from the end offsets seen before; 0 when nothing waits).
   */
  public record TopicLag(String topic, int partition, String stage, String index, long end, long committed, long lag,
      long behindMs) {}

  /**
   * One index.
   *
   * @param verdict {@code fresh} or {@code behind: <stage>}
   * @param reason what is behind, in words (null when fresh)
   * @param documents in the search index (-1: the engine did not answer)
   * @param writesPerSecond documents written or deleted per second by this instance's sink tasks
   * @param retries actions sent again by this instance's sink tasks since they started
   * @param oldestUnacknowledgedMs the longest any of this instance's sink tasks has waited for the engine
   */
  public record IndexStatus(String name, String verdict, String stage, String reason, long documents,
      Freshness freshness, double writesPerSecond, long retries, long oldestUnacknowledgedMs,
      DeadLetterCount deadLetters) {}

  /**
   * The freshness histogram (a change's hand-off to Kafka to the engine's acknowledgement) over
   * the window: counts per bucket (upper bound in seconds, -1 above the top one; not cumulative), p50 and p99 (-1 when empty).
   */
  public record Freshness(long count, double p50Seconds, double p99Seconds, List<Bucket> buckets) {

    public static final Freshness EMPTY = new Freshness(0, -1, -1, List.of());
  }

  public record Bucket(double leSeconds, long count) {}
}
