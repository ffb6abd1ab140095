package dev.denorm.config;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;

/**
 * A {@code ${provider:path:key}} reference that Kafka's config providers left as it was (no such
 * provider declared, or it has no such key) would silently become the value, e.g. a password that
 * is the reference's text: such a value is refused instead, naming the key and the reference (a
 * path, not a secret).
 */
final class ProviderReferences {

  private ProviderReferences() {}

  /**
   * @param given the {@code denorm.*} values as given
   * @param resolved the same after the providers' resolution
   */
  static void requireResolved(Map<String, String> given, Map<String, String> resolved) {
    given.keySet().forEach(key -> {
      var reference = ConfigTransformer.DEFAULT_PATTERN.matcher(resolved.getOrDefault(key, ""));
      if (reference.find()) {
        throw new ConfigException(key + ": " + reference.group() + " was not resolved: declare the config provider '"
            + reference.group(1) + "' in " + AbstractConfig.CONFIG_PROVIDERS_CONFIG + " with its "
            + AbstractConfig.CONFIG_PROVIDERS_CONFIG + "." + reference.group(1) + ".class, and check that it has that"
            + " key (docs/configuration.md#secrets)");
      }
    });
  }
}
