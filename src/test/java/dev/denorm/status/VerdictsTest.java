package dev.denorm.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.status.StatusReport.Capture;
import dev.denorm.status.StatusReport.Instance;
import dev.denorm.status.StatusReport.Restoring;
import dev.denorm.status.StatusReport.TopicLag;
import dev.denorm.status.StatusReport.Wal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict of a snapshot: fresh, or the first stage in pipeline order that is behind, and why. */
class VerdictsTest {

  private static final long BOUND = 30_000;
  private static final Instance RUNNING = new Instance("RUNNING", List.of(), Restoring.NONE);
  private static final Wal SMALL_WAL = new Wal("denorm_shop", true, true, 1024, 0, 1 << 30, null);
  private static final Capture CAPTURING = new Capture("RUNNING", SMALL_WAL);

  private static TopicLag lag(String stage, long records, long behindMs) {
    return new TopicLag(stage.equals("change-tables") ? "pg.shop.orders" : "documents.orders", 0, stage,
        stage.equals("change-tables") ? null : "orders", 100, 100 - records, records, behindMs);
  }

  @Test
  void shouldBeFreshWhenEveryStageKeepsUpEvenWithRecordsNotYetCommitted() {
    var verdict = Verdicts.judge(CAPTURING, RUNNING, List.of(lag("change-tables", 40, 4_000), lag("sink", 7, 0)), 200,
        null, BOUND);
    assertThat(verdict.text()).isEqualTo("fresh");
    assertThat(verdict.reason()).isNull();
  }

  @Test
  void shouldBlameCaptureWhenTheConnectorIsNotRunningBeforeAnyLaterStage() {
    var capture = new Capture("task 0 of Debezium connector denorm-shop is FAILED: boom", SMALL_WAL);
    var verdict = Verdicts.judge(capture, RUNNING, List.of(lag("sink", 10, 60_000)), 0, null, BOUND);
    assertThat(verdict.text()).isEqualTo("behind: capture");
    assertThat(verdict.reason()).contains("FAILED: boom");
  }

  @Test
  void shouldNotBlameTheConnectorBeforeItsFirstCheckNorWhenNobodyWatchesIt() {
    assertThat(Verdicts.judge(new Capture(Verdicts.NOT_CHECKED, null), RUNNING, List.of(), 0, null, BOUND).text())
        .isEqualTo("fresh");
    assertThat(Verdicts.judge(null, RUNNING, List.of(), 0, null, BOUND).text()).isEqualTo("fresh");
  }

  @Test
  void shouldBlameCaptureWhenTheSlotRetainsMoreWalThanTheLimit() {
    var wal = new Wal("denorm_shop", true, false, 3L << 30, 3L << 30, 1L << 30, null);
    var verdict = Verdicts.judge(new Capture("RUNNING", wal), RUNNING, List.of(), 0, null, BOUND);
    assertThat(verdict.text()).isEqualTo("behind: capture");
    assertThat(verdict.reason()).contains("denorm_shop retains 3.00 GiB", "limit 1.00 GiB", "no connector reads it");
  }

  @Test
  void shouldBlameTheInstanceWhileItRebalancesOrRestoresWithTheProgress() {
    var rebalancing = new Instance("REBALANCING", List.of(), Restoring.NONE);
    assertThat(Verdicts.judge(CAPTURING, rebalancing, List.of(), 0, null, BOUND).reason())
        .isEqualTo("Kafka Streams is REBALANCING");
    var restoring = new Instance("RUNNING", List.of(), new Restoring(2, 250, 1000));
    var verdict = Verdicts.judge(CAPTURING, restoring, List.of(), 0, null, BOUND);
    assertThat(verdict.text()).isEqualTo("behind: instance");
    assertThat(verdict.reason()).isEqualTo("restoring 2 stores: 250 of 1000 records (25%)");
  }

  @Test
  void shouldNameTheFirstTopicStageWhoseOldestRecordWaitedLongerThanTheBound() {
    var lags = List.of(lag("sink", 5, 90_000), lag("change-tables", 1200, 45_000), lag("assembly", 3, 31_000));
    var verdict = Verdicts.judge(CAPTURING, RUNNING, lags, 0, null, BOUND);
    assertThat(verdict.text()).isEqualTo("behind: change-tables");
    assertThat(verdict.reason()).isEqualTo("pg.shop.orders-0: 1200 records not committed, the oldest waiting 45 s");
  }

  @Test
  void shouldBlameTheEngineWhenTheSinkIsBehindWhileItsWritesWaitForTheEngine() {
    var verdict = Verdicts.judge(CAPTURING, RUNNING, List.of(lag("sink", 500, 50_000)), 45_000, null, BOUND);
    assertThat(verdict.text()).isEqualTo("behind: engine");
    assertThat(verdict.reason()).startsWith("a write has waited 45 s for the engine's acknowledgement")
        .contains("documents.orders-0: 500 records");
    assertThat(Verdicts.judge(CAPTURING, RUNNING, List.of(lag("sink", 500, 50_000)), 100, null, BOUND).text())
        .isEqualTo("behind: sink");
  }

  @Test
  void shouldBlameTheEngineWhenItDoesNotAnswerEvenWithoutLag() {
    var verdict = Verdicts.judge(CAPTURING, RUNNING, List.of(), 0, "the search engine at http://es:9200 does not answer",
        BOUND);
    assertThat(verdict.text()).isEqualTo("behind: engine");
    assertThat(verdict.reason()).contains("http://es:9200");
  }
}
