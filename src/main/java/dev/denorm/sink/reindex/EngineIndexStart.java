package dev.denorm.sink.reindex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the start does for one index: create it behind its alias if there is none, then carry out
 * its {@link ReindexPlan} (roll back stale builds, finish a switched one, schedule the deletion of
 * retired ones, create or resume a build).
 */
public final class EngineIndexStart {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexStart.class);

  /** The version generation of the live index, fixed once it exists (see EngineIndexManager.versionGeneration). */
  @FunctionalInterface
  public interface Generation {
    long of(String alias) throws IOException;
  }

  private final EngineIndexVersions versions;
  private final Retirement retirement;
  private final long graceMs;

  public EngineIndexStart(EngineIndexVersions versions, Retirement retirement, long graceMs) {
    this.versions = versions;
    this.retirement = retirement;
    this.graceMs = graceMs;
  }

  /**
   * @param body the settings and mappings the index must have (no aliases)
   * @param topicId the document topic's identity, or null
   * @return the build to run for this index, if it needs one
   */
  public Optional<ReindexPlan.Build> prepare(String alias, ObjectNode body, String fingerprint, String topicId,
      Generation generation) throws IOException {
    var found = versions.observe(alias);
    var first = ReindexPlan.decide(alias, found, fingerprint, topicId, -1, System.currentTimeMillis(), graceMs);
    if (first.create().isPresent()) {
      createFirst(alias, first.create().get(), body, fingerprint);
      found = versions.observe(alias);
    }
    long gen = generation.of(alias);
    var plan = ReindexPlan.decide(alias, found, fingerprint, topicId, gen, System.currentTimeMillis(), graceMs);
    for (String index : plan.rollBack()) {
      log.warn("Rolling back the unfinished build {} of index {}: it was for another mapping, topology version "
          + "or document topic than this start's; deleting it", index, alias);
      versions.delete(index);
    }
    if (plan.finishLive()) {
      versions.finish(plan.live().orElseThrow().name());
    }
    for (String index : plan.unalias()) {
      log.warn("Alias {} pointed at {} besides its live index {}, so it took no writes: taking {} out of it (it is "
          + "deleted after the grace period)", alias, index, plan.live().orElseThrow().name(), index);
      versions.removeAlias(alias, index);
    }
    for (String index : plan.retire()) {
      versions.retire(index, System.currentTimeMillis());
    }
    plan.deletions().forEach(retirement::schedule);
    var build = plan.build();
    if (build.isPresent()) {
      var live = plan.live().orElseThrow();
      if (build.get().resumed()) {
        log.info("Resuming the build of {} for index {} (live: {}) from positions {}", build.get().name(), alias,
            live.name(), build.get().positions());
      } else {
        createBuild(alias, build.get().name(), EngineIndexVersions.buildBody(body, fingerprint, topicId, gen), fingerprint);
        log.info("Index {} changed (fingerprint {} live in {}, {} now): building {} from its document topic while "
            + "{} serves", alias, live.fingerprint(), live.name(), fingerprint, build.get().name(), live.name());
      }
    }
    return build;
  }

  private void createBuild(String alias, String index, ObjectNode body, String fingerprint) throws IOException {
    try {
      versions.create(index, body);
    } catch (ResponseException e) {
      // another instance starting at the same moment created it: build it together (writes are idempotent)
      if (versions.observe(alias).stream().noneMatch(i -> i.name().equals(index) && i.building()
          && fingerprint.equals(i.fingerprint()))) {
        throw e;
      }
    }
  }

  private void createFirst(String alias, String index, ObjectNode body, String fingerprint) throws IOException {
    var first = body.deepCopy();
    first.withObjectProperty("aliases").putObject(alias);
    first.withObjectProperty("mappings").withObjectProperty("_meta").withObjectProperty(EngineIndexVersions.META)
        .put(EngineIndexVersions.FINGERPRINT, fingerprint);
    try {
      versions.create(index, first);
      log.info("Created index {} behind alias {}", index, alias);
    } catch (ResponseException e) {
      // another instance may have created it at the same moment
      if (versions.observe(alias).stream().noneMatch(VersionedIndex::live)) {
        throw e;
      }
    }
  }
}
