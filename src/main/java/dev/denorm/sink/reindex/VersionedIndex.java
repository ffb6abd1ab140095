package dev.denorm.sink.reindex;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One concrete index of an alias as the start finds it: {@code <alias>-v<version>} (or, from an
 * installation before aliases, the concrete index named like the alias, version 0), with what its
 * {@code _meta} records.
 *
 * @param fingerprint the recorded {@link Fingerprint}, or null (an index made before fingerprints)
 * @param building whether it is a build not finished (its {@code _meta} holds build positions)
 * @param positions of a build: per document-topic partition, the next offset to copy
 * @param topicId the document topic id recorded, or null
 * @param generation the version generation recorded, or -1
 * @param retiredAtMs when it stopped being live, or -1 (not recorded)
 * @param live whether the alias points at it (or it is the concrete index named like the alias)
 */
public record VersionedIndex(String name, int version, String fingerprint, boolean building,
    Map<Integer, Long> positions, String topicId, long generation, long retiredAtMs, boolean live) {

  public VersionedIndex {
    positions = Map.copyOf(positions);
  }

  /** The version in {@code <alias>-v<N>}, 0 for the concrete index named {@code alias}, else empty. */
  public static Optional<Integer> versionOf(String alias, String index) {
    if (index.equals(alias)) {
      return Optional.of(0);
    }
    var matcher = Pattern.compile(Pattern.quote(alias) + "-v([1-9][0-9]{0,8})").matcher(index);
    return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }

  public static String name(String alias, int version) {
    return alias + "-v" + version;
  }

  /** The concrete index of an installation made before indexes had versions (and the alias). */
  public boolean legacy() {
    return version == 0;
  }
}
