package dev.denorm.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.cdc.RowKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransactionHoldTest {

  private final TransactionHold hold = new TransactionHold(Duration.ofSeconds(10));
  private final RowKey a = RowKey.of(1L);
  private final RowKey b = RowKey.of(2L);

  @Test
  void shouldHoldADocumentUntilThePositionIsAboveTheCommitItsTransactionFollowed() {
    hold.reached(0x10);
    hold.changed(a, 0x10, 0);
    assertThat(hold.holds(a, 0)).isTrue();
    assertThat(hold.released(1, 100)).isEmpty();

    hold.reached(0x20);

    assertThat(hold.released(2, 100)).containsExactly(a);
    assertThat(hold.holding()).isFalse();
    assertThat(hold.waited()).isEqualTo(1);
    assertThat(hold.unaligned()).isZero();
  }

  @Test
  void shouldWriteAtOnceADocumentWhoseTransactionsThePositionPassedOrThatNoTransactionChanged() {
    hold.changed(a, 0x10, 0);
    hold.reached(0x20);
    assertThat(hold.holds(a, 0)).isFalse();
    hold.changed(b, -1, 0); // a snapshot read, or an event without a sequence
    assertThat(hold.holds(b, 0)).isFalse();
  }

  @Test
  void shouldKeepAWaitingDocumentThatALaterTransactionChanges() {
    hold.changed(a, 0x10, 0);
    assertThat(hold.holds(a, 0)).isTrue();
    hold.changed(a, 0x30, 1);

    hold.reached(0x20);
    assertThat(hold.released(2, 100)).isEmpty();
    hold.reached(0x31);
    assertThat(hold.released(3, 100)).containsExactly(a);
  }

  @Test
  void shouldCapTheMarkBelowTheFirstTransactionAWaitingDocumentHasUnwritten() {
    hold.changed(a, 0x30, 0);
    hold.changed(b, 0x10, 0);
    hold.holds(a, 0);
    hold.holds(b, 0);
    assertThat(hold.cap(0x50)).isEqualTo(0x10);
    hold.changed(a, 0x05, 1); // a change of an earlier transaction, from another sender, came late
    assertThat(hold.cap(0x50)).isEqualTo(0x05);

    hold.reached(0x20);
    assertThat(hold.released(2, 100)).containsExactly(b);
    assertThat(hold.cap(0x50)).isEqualTo(0x05);
    hold.reached(0x40);
    assertThat(hold.released(3, 100)).containsExactly(a);
    assertThat(hold.cap(0x50)).isEqualTo(0x50);
  }

  @Test
  void shouldWriteADocumentThatWaitedTheBoundAsItIsAndCountIt() {
    hold.changed(a, 0x10, 0);
    hold.holds(a, 0);
    hold.changed(b, 0x10, 5_000);
    hold.holds(b, 5_000);

    assertThat(hold.released(9_999, 100)).isEmpty();
    assertThat(hold.released(10_000, 100)).containsExactly(a);
    assertThat(hold.unaligned()).isEqualTo(1);
    hold.changed(b, 0x11, 14_000); // changed again: it waits from its first change not written
    assertThat(hold.holds(b, 15_000)).isFalse();
    assertThat(hold.unaligned()).isEqualTo(2);
  }

  @Test
  void shouldGiveBackAtMostTheLimitAndKeepTheRestCappingTheMark() {
    hold.changed(a, 0x10, 0);
    hold.changed(b, 0x12, 0);
    hold.holds(a, 0);
    hold.holds(b, 0);
    hold.reached(0x20);

    assertThat(hold.released(1, 1)).containsExactly(a);
    assertThat(hold.cap(0x20)).as("b is not written yet").isEqualTo(0x12);
    assertThat(hold.released(2, 1)).containsExactly(b);
    assertThat(hold.cap(0x20)).isEqualTo(0x20);
  }

  @Test
  void shouldHoldAgainADocumentFoundCompleteThatALaterTransactionChangedBeforeItWasWritten() {
    hold.changed(a, 0x10, 0);
    hold.changed(b, 0x10, 0);
    hold.holds(a, 0);
    hold.holds(b, 0);
    hold.reached(0x20);
    assertThat(hold.released(1, 1)).containsExactly(a); // b found complete, left for the next emit
    hold.changed(b, 0x20, 2);

    assertThat(hold.released(3, 100)).isEmpty();
    hold.reached(0x21);
    assertThat(hold.released(4, 100)).containsExactly(b);
  }

  @Test
  void shouldNotHoldMoreThanItsBoundOfDocuments() {
    for (long id = 0; id < TransactionHold.MAX_HELD; id++) {
      hold.changed(RowKey.of(id), 0x10, 0);
      assertThat(hold.holds(RowKey.of(id), 0)).isTrue();
    }
    var over = RowKey.of((long) TransactionHold.MAX_HELD);
    hold.changed(over, 0x10, 0);
    assertThat(hold.holds(over, 0)).isFalse();
    assertThat(hold.unaligned()).isEqualTo(1);
  }

  /**
   * After a restart the emitter marks every document still marked in its store as changed after
   * commit 0 (its transactions were in memory): it waits for the task's first position, and caps the
   * mark at 0 until then.
   */
  @Test
  void shouldHoldADocumentChangedAfterCommitZeroUntilTheFirstPosition() {
    hold.changed(a, 0, 0);
    assertThat(hold.holds(a, 0)).isTrue();
    assertThat(hold.cap(0x50)).isZero();

    hold.reached(0x10);

    assertThat(hold.released(1, 100)).containsExactly(a);
  }

  @Test
  void shouldHoldNothingWhenAlignmentIsOff() {
    var off = new TransactionHold(Duration.ZERO);
    off.changed(a, 0x10, 0);
    assertThat(off.holds(a, 0)).isFalse();
    assertThat(off.cap(0x50)).isEqualTo(0x50);
  }
}
