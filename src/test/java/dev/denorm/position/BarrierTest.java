package dev.denorm.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BarrierTest {

  private final Positions positions = Positions.sampled();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final Barrier barrier = new Barrier(positions, index -> refreshes.incrementAndGet());

  @Test
  void shouldAnswerOnceTheSinkHasTheLsnAcknowledgedAndARefreshStartedAfterThat() throws Exception {
    positions.sink("orders", 0, 0x100);
    var waiting = CompletableFuture.supplyAsync(() -> await(0x200, Duration.ofSeconds(10)));

    positions.sink("orders", 0, 0x250);

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(new Barrier.Searchable(0x250));
    assertThat(refreshes).hasValue(1);
  }

  @Test
  void shouldNeedNoOtherRefreshForAPositionTheLastOneCovered() {
    positions.sink("orders", 0, 0x300);
    assertThat(await(0x200, Duration.ofSeconds(1))).isEqualTo(new Barrier.Searchable(0x300));

    assertThat(await(0x300, Duration.ofSeconds(1))).isEqualTo(new Barrier.Searchable(0x300));

    assertThat(refreshes).hasValue(1);
  }

  @Test
  void shouldShareOneRefreshAmongWaitersThatQueueBehindIt() throws Exception {
    positions.sink("orders", 0, 0x300);
    var pool = Executors.newFixedThreadPool(8);
    try {
      var waits = new ArrayList<CompletableFuture<Barrier.Outcome>>();
      for (int i = 0; i < 8; i++) {
        waits.add(CompletableFuture.supplyAsync(() -> await(0x300, Duration.ofSeconds(5)), pool));
      }
      for (var wait : waits) {
        assertThat(wait.get(10, TimeUnit.SECONDS)).isInstanceOf(Barrier.Searchable.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(refreshes).hasValue(1);
  }

  @Test
  void shouldAskPostgresForACommitPointWhileTheConnectorIsBehindAndReportTheStagesOnTimeout() {
    var nudges = new AtomicInteger();
    positions.nudger(nudges::incrementAndGet);
    positions.capture(new CaptureSample(0x100, Map.of(), Map.of()));
    positions.intake("orders", 0, 0x100);
    positions.sink("orders", 0, 0x100);

    var outcome = await(0x200, Duration.ofMillis(300));

    assertThat(nudges.get()).isPositive();
    assertThat(outcome).isInstanceOf(Barrier.TimedOut.class);
    assertThat(((Barrier.TimedOut) outcome).behind()).isEqualTo("capture");
    var stages = ((Barrier.TimedOut) outcome).stages();
    assertThat(stages.get("capture")).containsEntry("connector", "0/100");
    assertThat(stages.get("intake")).containsEntry("orders/0", "0/100");
    assertThat(stages.get("sink")).containsEntry("orders/0", "0/100");
    assertThat(refreshes).hasValue(0);
  }

  @Test
  void shouldWaitForEveryPartitionOfTheDocumentTopic() {
    positions.sink("orders", 0, 0x500);

    assertThat(barrier(2, 0x200, Duration.ofMillis(200))).isInstanceOf(Barrier.TimedOut.class);

    positions.sink("orders", 1, 0x400);
    assertThat(barrier(2, 0x200, Duration.ofMillis(200))).isEqualTo(new Barrier.Searchable(0x400));
  }

  @Test
  void shouldSayTheRefreshIsBehindWhenTheEngineDoesNotRefreshWithinTheTimeout() throws Exception {
    var failing = new Barrier(positions, index -> {
      throw new IOException("engine down");
    });
    positions.sink("orders", 0, 0x300);

    var outcome = failing.await("orders", 1, 0x200, Duration.ofMillis(200));

    assertThat(outcome).isInstanceOf(Barrier.TimedOut.class);
    assertThat(((Barrier.TimedOut) outcome).behind()).isEqualTo("refresh");
  }

  @Test
  void shouldNudgePostgresAtMostFiveTimesASecondHoweverManyWait() throws Exception {
    var nudges = new AtomicInteger();
    positions.nudger(nudges::incrementAndGet);
    var pool = Executors.newFixedThreadPool(16);
    try {
      var waits = new ArrayList<CompletableFuture<Barrier.Outcome>>();
      for (int i = 0; i < 16; i++) {
        waits.add(CompletableFuture.supplyAsync(() -> await(0x200, Duration.ofSeconds(1)), pool));
      }
      for (var wait : waits) {
        assertThat(wait.get(10, TimeUnit.SECONDS)).isInstanceOf(Barrier.TimedOut.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(nudges.get()).as("16 waiters for a second").isBetween(1, 1 + (int) (1000 / Positions.NUDGE_EVERY_MS));
  }

  @Test
  void shouldNameTheFirstStageThatHasNotReachedTheLsn() {
    var stages = Map.of("capture", Map.of("connector", "0/300"), "intake", Map.of("orders/0", "0/300", "lines/0", "0/300"),
        "assembly", Map.of("orders/0", "0/300", "orders/1", "0/100"), "sink", Map.<String, String>of());

    assertThat(Barrier.behind(stages, 0x200)).isEqualTo("assembly");
    assertThat(Barrier.behind(stages, 0x400)).isEqualTo("capture");
  }

  private Barrier.Outcome await(long lsn, Duration timeout) {
    return barrier(1, lsn, timeout);
  }

  private Barrier.Outcome barrier(int partitions, long lsn, Duration timeout) {
    try {
      return barrier.await("orders", partitions, lsn, timeout);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
