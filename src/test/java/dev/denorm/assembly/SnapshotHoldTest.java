package dev.denorm.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.TopologySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotHoldTest {

  private final SnapshotHold hold = new SnapshotHold(Duration.ofMillis(1000), Duration.ofMillis(30_000));

  SnapshotHoldTest() {
    hold.relations(2);
  }

  @Test
  void shouldHoldNothingBeforeAnySnapshotRow() {
    assertThat(hold.holds(0)).isFalse();
    hold.end("orders", 10); // an end mark after a restart that lost the rows' marks
    assertThat(hold.holds(20)).isFalse();
  }

  @Test
  void shouldHoldThroughLongGapsWhileATableIsMidSnapshot() {
    hold.row("lines", 0, false);

    assertThat(hold.holds(5_000)).as("a busy instance paused 5 s between two rows of one table").isTrue();
    assertThat(hold.holds(29_999)).isTrue();
    assertThat(hold.holds(30_000)).as("the bound: the end mark never came").isFalse();
  }

  @Test
  void shouldEmitAtOnceOnceEveryTableOfTheIndexEnded() {
    hold.row("orders", 0, false);
    hold.end("orders", 10);
    hold.row("lines", 20, false);
    assertThat(hold.holds(20)).isTrue();

    hold.end("lines", 30);

    assertThat(hold.holds(30)).as("no wait for the quiet time").isFalse();
  }

  @Test
  void shouldHoldTheQuietTimeBetweenTwoTables() {
    hold.row("orders", 0, false);
    hold.end("orders", 100);

    assertThat(hold.holds(1_099)).as("lines may be next").isTrue();
    assertThat(hold.holds(1_100)).as("an empty table sends no end: quiet is enough").isFalse();
  }

  @Test
  void shouldHoldAgainWhenASnapshotStartsOverAfterItEnded() {
    hold.row("orders", 0, false);
    hold.end("orders", 0);
    hold.row("lines", 0, false);
    hold.end("lines", 0);
    assertThat(hold.holds(1)).isFalse();

    hold.row("orders", 60_000, false);

    assertThat(hold.holds(65_000)).isTrue();
  }

  @Test
  void shouldHoldOnlyTheQuietTimeForATableWhoseOnlyRowIsTheSnapshotsFirst() {
    hold.row("addresses", 0, true); // Debezium marks it first, not last_in_data_collection: no end mark follows

    assertThat(hold.holds(999)).isTrue();
    assertThat(hold.holds(1_000)).as("not under way: the quiet time, not the bound").isFalse();

    hold.row("addresses", 1_000, false);
    assertThat(hold.holds(5_000)).as("more rows came: a big first table, under way").isTrue();
  }

  @Test
  void shouldHoldNothingWithAQuietTimeOfZero() {
    var none = new SnapshotHold(Duration.ZERO, Duration.ofMillis(30_000));
    none.relations(1);
    none.row("orders", 0, false);

    assertThat(none.holds(0)).isFalse();
  }

  @Test
  void shouldHoldBetweenTablesForTheDefaultQuietTimeWhileTheNextTableIsSlowToBegin() {
    var defaults = TopologySettings.defaults();
    var slow = new SnapshotHold(defaults.snapshotHold(), defaults.snapshotHoldMax());
    slow.relations(2);
    slow.row("orders", 0, false);
    slow.end("orders", 100);

    assertThat(slow.holds(20_000)).as("the lines' table not begun 20 s later (a lock on it): the orders wait").isTrue();

    slow.row("lines", 25_000, false);
    slow.end("lines", 26_000);
    assertThat(slow.holds(26_000)).as("every table ended: at once").isFalse();
  }
}
