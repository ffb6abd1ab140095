package dev.denorm.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * Index settings the sink gives the indexes it creates, from {@code name=value} entries (every
 * index) and {@code index:name=value} entries (one index, winning over the common one). Names are
 * kept in the engine's flat form, {@code index.} prefixed ({@code refresh_interval} is
 * {@code index.refresh_interval}), so they compare with what {@code _settings?flat_settings=true}
 * returns.
 *
 * @param common settings for every index
 * @param byIndex settings of single indexes (index name -> settings)
 */
public record EngineIndexSettings(Map<String, String> common, Map<String, Map<String, String>> byIndex) {

  /** No settings. */
  public static final EngineIndexSettings NONE = new EngineIndexSettings(Map.of(), Map.of());

  private static final List<String> OWN_KEYS = List.of("index.number_of_shards", "index.number_of_replicas");
  private static final String EXPECTED = "expected name=value or index:name=value, e.g. refresh_interval=5s";

  public EngineIndexSettings {
    common = Map.copyOf(common);
    byIndex = byIndex.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
  }

  /** The settings of one index: the common ones, then its own over them. */
  public Map<String, String> of(String index) {
    var settings = new LinkedHashMap<>(common);
    settings.putAll(byIndex.getOrDefault(index, Map.of()));
    return settings;
  }

  /**
   * Parses the entries of config key {@code key}.
   *
   * @throws ConfigException naming the key and the entry, for an entry without a name or value,
   *     or one that names a setting with a key of its own (shards, replicas)
   */
  static EngineIndexSettings parse(String key, List<String> entries) {
    var common = new LinkedHashMap<String, String>();
    var byIndex = new LinkedHashMap<String, Map<String, String>>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      String target = equals < 0 ? "" : entry.substring(0, equals).trim();
      String value = equals < 0 ? "" : entry.substring(equals + 1).trim();
      int colon = target.indexOf(':');
      String name = flat(target.substring(colon + 1).trim());
      if (name.equals("index.") || value.isEmpty() || colon == 0) {
        throw new ConfigException(key, entry, EXPECTED);
      }
      if (OWN_KEYS.contains(name)) {
        throw new ConfigException(key, entry, name + " has a key of its own: "
            + (name.endsWith("shards") ? SinkSettings.INDEX_SHARDS : SinkSettings.INDEX_REPLICAS));
      }
      if (colon < 0) {
        common.put(name, value);
      } else {
        byIndex.computeIfAbsent(target.substring(0, colon).trim(), i -> new LinkedHashMap<>()).put(name, value);
      }
    }
    return new EngineIndexSettings(common, byIndex);
  }

  private static String flat(String name) {
    return name.startsWith("index.") ? name : "index." + name;
  }
}
