package dev.denorm.sink.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReindexPlanTest {

  private static final long NOW = 1_000_000;
  private static final long GRACE = 60_000;

  private static VersionedIndex live(int version, String fingerprint) {
    return new VersionedIndex(VersionedIndex.name("orders", version), version, fingerprint, false, Map.of(), "t:3", 0,
        -1, true);
  }

  private static VersionedIndex build(int version, String fingerprint, Map<Integer, Long> positions, String topic,
      long generation) {
    return new VersionedIndex(VersionedIndex.name("orders", version), version, fingerprint, true, positions, topic,
        generation, -1, false);
  }

  private static VersionedIndex retired(int version, long retiredAt) {
    return new VersionedIndex(VersionedIndex.name("orders", version), version, "old", false, Map.of(), "t:3", 0,
        retiredAt, false);
  }

  private static ReindexPlan decide(List<VersionedIndex> found, String wanted) {
    return ReindexPlan.decide("orders", found, wanted, "t:3", 0, NOW, GRACE);
  }

  @Test
  void shouldCreateTheFirstVersionBehindTheAliasWhenNothingExists() {
    var plan = decide(List.of(), "f1");
    assertThat(plan.create()).contains("orders-v1");
    assertThat(plan.build()).isEmpty();
  }

  @Test
  void shouldBuildNothingWhenTheLiveIndexHasTheWantedFingerprint() {
    var plan = decide(List.of(live(3, "f1")), "f1");
    assertThat(plan.create()).isEmpty();
    assertThat(plan.build()).isEmpty();
    assertThat(plan.rollBack()).isEmpty();
    assertThat(plan.finishLive()).isFalse();
  }

  @Test
  void shouldBuildTheNextVersionFromTheBeginningWhenTheFingerprintChanged() {
    var plan = decide(List.of(live(3, "f1")), "f2");
    assertThat(plan.build()).contains(new ReindexPlan.Build("orders-v4", Map.of(), false));
  }

  @Test
  void shouldRebuildAnIndexThatRecordsNoFingerprint() {
    assertThat(decide(List.of(live(1, null)), "f1").build()).map(ReindexPlan.Build::name).contains("orders-v2");
  }

  @Test
  void shouldMigrateAConcreteIndexNamedLikeTheAliasToVersionOne() {
    var legacy = new VersionedIndex("orders", 0, null, false, Map.of(), "t:3", 0, -1, true);
    var plan = decide(List.of(legacy), "f1");
    assertThat(plan.live()).contains(legacy);
    assertThat(plan.build()).map(ReindexPlan.Build::name).contains("orders-v1");
    assertThat(legacy.legacy()).isTrue();
  }

  @Test
  void shouldResumeABuildOfTheWantedFingerprintFromItsRecordedPositions() {
    var plan = decide(List.of(live(1, "f1"), build(2, "f2", Map.of(0, 40L, 1, 7L), "t:3", 0)), "f2");
    assertThat(plan.build()).contains(new ReindexPlan.Build("orders-v2", Map.of(0, 40L, 1, 7L), true));
    assertThat(plan.rollBack()).isEmpty();
  }

  @Test
  void shouldRollBackABuildOfAnotherFingerprintAndBuildAfterIt() {
    var plan = decide(List.of(live(1, "f1"), build(2, "f2", Map.of(0, 40L), "t:3", 0)), "f3");
    assertThat(plan.rollBack()).containsExactly("orders-v2");
    assertThat(plan.build()).map(ReindexPlan.Build::name).contains("orders-v3");
  }

  @Test
  void shouldRollBackABuildWhenTheCodeWentBackToTheLiveFingerprint() {
    var plan = decide(List.of(live(1, "f1"), build(2, "f2", Map.of(), "t:3", 0)), "f1");
    assertThat(plan.rollBack()).containsExactly("orders-v2");
    assertThat(plan.build()).isEmpty();
  }

  @Test
  void shouldRollBackABuildOfAnEarlierDocumentTopicOrGeneration() {
    var otherTopic = decide(List.of(live(1, "f1"), build(2, "f2", Map.of(0, 9L), "old:3", 0)), "f2");
    assertThat(otherTopic.rollBack()).containsExactly("orders-v2");
    assertThat(otherTopic.build()).contains(new ReindexPlan.Build("orders-v3", Map.of(), false));
    var otherGeneration = ReindexPlan.decide("orders", List.of(live(1, "f1"), build(2, "f2", Map.of(0, 9L), "t:3", 0)),
        "f2", "t:3", 1, NOW, GRACE);
    assertThat(otherGeneration.rollBack()).containsExactly("orders-v2");
  }

  @Test
  void shouldFinishALiveIndexThatWasSwitchedToBeforeItsBuildWasMarkedDone() {
    var switched = new VersionedIndex("orders-v2", 2, "f2", true, Map.of(0, 50L), "t:3", 0, -1, true);
    var plan = decide(List.of(retired(1, -1), switched), "f2");
    assertThat(plan.finishLive()).isTrue();
    assertThat(plan.build()).isEmpty();
    assertThat(plan.retire()).containsExactly("orders-v1");
    assertThat(plan.deletions()).containsEntry("orders-v1", NOW + GRACE);
  }

  @Test
  void shouldDeleteARetiredIndexWhenItsGracePeriodIsOver() {
    var plan = decide(List.of(retired(1, NOW - 2 * GRACE), retired(2, NOW - 1000), live(3, "f1")), "f1");
    assertThat(plan.retire()).isEmpty();
    assertThat(plan.deletions()).containsEntry("orders-v1", NOW - GRACE).containsEntry("orders-v2", NOW - 1000 + GRACE);
  }

  @Test
  void shouldNameTheNextVersionAfterEveryIndexFoundEvenOnesBeingRolledBack() {
    var plan = decide(List.of(live(2, "f1"), build(5, "f9", Map.of(), "t:3", 0)), "f3");
    assertThat(plan.build()).map(ReindexPlan.Build::name).contains("orders-v6");
  }

  @Test
  void shouldTakeEveryOtherIndexOutOfTheAliasWhenItPointsAtTwo() {
    var plan = decide(List.of(live(1, "f1"), live(2, "f1")), "f1");
    assertThat(plan.live()).map(VersionedIndex::name).contains("orders-v2");
    assertThat(plan.unalias()).containsExactly("orders-v1");
    assertThat(plan.retire()).containsExactly("orders-v1");
    assertThat(plan.build()).isEmpty();
    assertThat(plan.create()).isEmpty();
  }

  @Test
  void shouldTakeNothingOutOfTheAliasWhenItPointsAtOneIndex() {
    assertThat(decide(List.of(retired(1, -1), live(2, "f1")), "f1").unalias()).isEmpty();
  }
}
