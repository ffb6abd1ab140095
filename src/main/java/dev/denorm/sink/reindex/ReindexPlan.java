package dev.denorm.sink.reindex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the start does with one alias, decided from the indexes it found (a pure function, so every
 * case is unit-tested):
 * <ul>
 *   <li>no live index: create {@code <alias>-v<N+1>} behind the alias ({@link #create});</li>
 *   <li>the live index has the wanted fingerprint: nothing to build; a build left over from an
 *       other fingerprint is rolled back (deleted);</li>
 *   <li>another fingerprint (or none recorded): build {@code <alias>-v<N+1>}, or resume the build
 *       left over with the wanted fingerprint and the live document source (topic id and version
 *       generation); a build of anything else is rolled back;</li>
 *   <li>a live index that still says it is building was switched to but not finished
 *       ({@link #finishLive});</li>
 *   <li>any other index is retired: deleted once the grace period after it stopped being live is over;</li>
 *   <li>another index the alias also points at (left by an earlier release whose start raced with another
 *       instance's; an alias on two indexes takes no writes) is taken out of the alias ({@link #unalias}).</li>
 * </ul>
 *
 * @param create the index to create behind the alias, if none is live
 * @param live the live index, if any
 * @param finishLive whether the live index is a build that was switched to and must be finished
 * @param build the index to build (new or resumed), if any
 * @param rollBack builds to delete now
 * @param retire indexes that stopped being live without a recorded time: record now
 * @param unalias indexes the alias points at besides the live one: remove the alias from them
 * @param deletions retired indexes and when (epoch ms) to delete them
 */
public record ReindexPlan(Optional<String> create, Optional<VersionedIndex> live, boolean finishLive,
    Optional<Build> build, List<String> rollBack, List<String> retire, List<String> unalias,
    Map<String, Long> deletions) {

  /**
   * @param positions per partition, the next offset to copy (empty: from the beginning)
   * @param resumed whether the index exists already
   */
  public record Build(String name, Map<Integer, Long> positions, boolean resumed) {}

  public static ReindexPlan decide(String alias, List<VersionedIndex> found, String wanted, String topicId,
      long generation, long nowMs, long graceMs) {
    int next = found.stream().mapToInt(VersionedIndex::version).max().orElse(0) + 1;
    var live = found.stream().filter(VersionedIndex::live).max(Comparator.comparingInt(VersionedIndex::version));
    var rollBack = new ArrayList<String>();
    var retire = new ArrayList<String>();
    var unalias = new ArrayList<String>();
    var deletions = new LinkedHashMap<String, Long>();
    Build build = null;
    boolean needsBuild = live.isPresent() && !wanted.equals(live.get().fingerprint());
    for (VersionedIndex index : found) {
      if (live.isPresent() && index.name().equals(live.get().name())) {
        continue;
      }
      if (index.live() && !index.legacy()) {
        unalias.add(index.name());
      }
      if (index.building()) {
        boolean resumable = needsBuild && build == null && wanted.equals(index.fingerprint())
            && Objects.equals(topicId, index.topicId()) && generation == index.generation();
        if (resumable) {
          build = new Build(index.name(), index.positions(), true);
        } else {
          rollBack.add(index.name());
        }
      } else if (live.isPresent()) {
        if (index.retiredAtMs() < 0) {
          retire.add(index.name());
          deletions.put(index.name(), nowMs + graceMs);
        } else {
          deletions.put(index.name(), index.retiredAtMs() + graceMs);
        }
      }
    }
    if (needsBuild && build == null) {
      build = new Build(VersionedIndex.name(alias, next), Map.of(), false);
    }
    Optional<String> create = live.isPresent() ? Optional.empty() : Optional.of(VersionedIndex.name(alias, next));
    boolean finishLive = live.isPresent() && live.get().building();
    return new ReindexPlan(create, live, finishLive, Optional.ofNullable(build), List.copyOf(rollBack),
        List.copyOf(retire), List.copyOf(unalias), Map.copyOf(deletions));
  }
}
