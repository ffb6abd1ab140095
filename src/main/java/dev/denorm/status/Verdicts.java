package dev.denorm.status;

import dev.denorm.capture.WalGuard;
import dev.denorm.status.StatusReport.Capture;
import dev.denorm.status.StatusReport.Instance;
import dev.denorm.status.StatusReport.TopicLag;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Whether an index is fresh, and if not the first stage, in pipeline order, that is behind:
 * capture (the connector not running, the slot retaining more WAL than the guard allows), this
 * instance (not RUNNING, or restoring stores), then the topics the index is read through (its
 * tables' change topics, its routing topics, its document topic) with a partition whose oldest
 * uncommitted record has waited longer than the bound, and the engine (not answering, or a sink
 * task waiting for it longer than the bound). Pure: it judges a snapshot.
 */
final class Verdicts {

  /** {@code stage} null: fresh. */
  record Verdict(String stage, String reason) {

    static final Verdict FRESH = new Verdict(null, null);

    String text() {
      return stage == null ? "fresh" : "behind: " + stage;
    }
  }

  static final String NOT_CHECKED = "not checked yet";

  private Verdicts() {}

  /**
   * @param lag the partitions of the topics this index is read through
   * @param engineProblem why the engine did not answer, or null
   */
  static Verdict judge(Capture capture, Instance instance, List<TopicLag> lag, long oldestUnacknowledgedMs,
      String engineProblem, long boundMs) {
    if (capture != null && capture.connector() != null && !"RUNNING".equals(capture.connector())
        && !NOT_CHECKED.equals(capture.connector())) {
      return new Verdict("capture", capture.connector());
    }
    if (capture != null && capture.wal() != null && capture.wal().overLimit()) {
      var wal = capture.wal();
      return new Verdict("capture", "replication slot " + wal.slot() + " retains " + size(wal.retainedBytes())
          + " of WAL (limit " + size(wal.limitBytes()) + ", " + size(wal.unconfirmedBytes()) + " not confirmed"
          + (wal.active() ? ")" : "; no connector reads it)"));
    }
    if (!"RUNNING".equals(instance.state())) {
      return new Verdict("instance", "Kafka Streams is " + instance.state());
    }
    if (instance.restoring().stores() > 0) {
      var r = instance.restoring();
      return new Verdict("instance", "restoring " + r.stores() + (r.stores() == 1 ? " store" : " stores") + ": "
          + r.restored() + " of " + r.total() + " records (" + r.percent() + "%)");
    }
    for (String stage : List.of("change-tables", "assembly", "sink")) {
      var worst = lag.stream().filter(l -> l.stage().equals(stage)).max(Comparator.comparingLong(TopicLag::behindMs));
      if (worst.isPresent() && worst.get().behindMs() > boundMs) {
        var l = worst.get();
        String reason = l.topic() + "-" + l.partition() + ": " + l.lag() + " records not committed, the oldest waiting "
            + seconds(l.behindMs());
        if (stage.equals("sink") && (engineProblem != null || oldestUnacknowledgedMs > boundMs)) {
          return engine(engineProblem, oldestUnacknowledgedMs, reason);
        }
        return new Verdict(stage, reason);
      }
    }
    if (engineProblem != null || oldestUnacknowledgedMs > boundMs) {
      return engine(engineProblem, oldestUnacknowledgedMs, null);
    }
    return Verdict.FRESH;
  }

  private static Verdict engine(String problem, long oldestUnacknowledgedMs, String lag) {
    String reason = problem != null ? problem
        : "a write has waited " + seconds(oldestUnacknowledgedMs) + " for the engine's acknowledgement";
    return new Verdict("engine", lag == null ? reason : reason + "; " + lag);
  }

  static String seconds(long ms) {
    return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
  }

  static String size(long bytes) {
    return WalGuard.size(bytes);
  }
}
