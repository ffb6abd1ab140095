package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.position.Floor;
import dev.denorm.position.Mark;
import org.junit.jupiter.api.Test;

class AckedMarksTest {

  @Test
  void shouldCountAMarkOnlyWhenEveryActionBelowItIsDoneWhateverOrderTheyCompleteIn() {
    var acked = new AckedMarks();
    acked.opened(0);
    acked.opened(1);
    acked.mark(2, new Mark(100, 0, 1));
    acked.opened(3);
    acked.mark(4, new Mark(200, 0, 1));

    acked.done(1);
    acked.done(3); // a later request completes first
    assertThat(acked.settle()).isEqualTo(Floor.UNKNOWN);

    acked.done(0);
    assertThat(acked.settle()).isEqualTo(200);
  }

  @Test
  void shouldWaitForBothCopiesOfARecordWrittenAlsoToAnIndexBeingBuilt() {
    var acked = new AckedMarks();
    acked.opened(0);
    acked.opened(0);
    acked.mark(1, new Mark(100, 0, 1));

    acked.done(0);
    assertThat(acked.settle()).isEqualTo(Floor.UNKNOWN);
    acked.done(0);
    assertThat(acked.settle()).isEqualTo(100);
  }

  @Test
  void shouldTakeTheLowestOfTheAssemblingTasksMarks() {
    var acked = new AckedMarks();
    acked.mark(0, new Mark(300, 0, 2));
    assertThat(acked.settle()).as("task 1 sent none yet").isEqualTo(Floor.UNKNOWN);

    acked.mark(1, new Mark(250, 1, 2));

    assertThat(acked.settle()).isEqualTo(250);
  }

  @Test
  void shouldCountAnActionTheWriterReplacedAsDoneOnlyWhenTheActionThatReplacedItIs() {
    var acked = new AckedMarks();
    acked.opened(0);
    acked.mark(1, new Mark(100, 0, 1));
    acked.opened(2);
    acked.superseded(0, 2); // the document of offset 0 changed again at 2 before the batch went

    assertThat(acked.settle()).as("offset 0's document is not in the engine yet").isEqualTo(Floor.UNKNOWN);

    acked.done(2);
    assertThat(acked.settle()).isEqualTo(100);
  }
}
