package dev.denorm.app;

import dev.denorm.index.Indexes;
import dev.denorm.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the configuration: a properties file, then environment variables, then {@code --set}
 * values, each overriding the one before. Environment names map to keys the way Confluent's
 * images do: {@code DENORM_STACK_DATA_DIR -> denorm.stack.data.dir}; Kafka Streams and client
 * keys take the {@code DENORM_STREAMS_} prefix: {@code DENORM_STREAMS_BOOTSTRAP_SERVERS ->
 * bootstrap.servers}. Within a name {@code _} is a dot, {@code __} an underscore, {@code ___} a dash.
 */
public final class ConfigLoader {

  static final String ENV_PREFIX = "DENORM_";
  static final String ENV_STREAMS_PREFIX = "DENORM_STREAMS_";

  private ConfigLoader() {}

  public static AppConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> sets) {
    var config = AppConfig.from(values(file, env, sets));
    Indexes.of(config); // fail fast on an index class that cannot be used, before any command starts
    return config;
  }

  static Map<String, String> values(Optional<Path> file, Map<String, String> env, Map<String, String> sets) {
    var values = new TreeMap<String, String>();
    file.ifPresent(f -> values.putAll(read(f)));
    env.forEach((name, value) -> keyOf(name).ifPresent(key -> values.put(key, value)));
    values.putAll(sets);
    return values;
  }

  /** The configuration key an environment variable sets, if it is one of ours. */
  static Optional<String> keyOf(String envName) {
    if (envName.startsWith(ENV_STREAMS_PREFIX)) {
      return Optional.of(translate(envName.substring(ENV_STREAMS_PREFIX.length())));
    }
    if (envName.startsWith(ENV_PREFIX) && envName.length() > ENV_PREFIX.length()) {
      return Optional.of("denorm." + translate(envName.substring(ENV_PREFIX.length())));
    }
    return Optional.empty();
  }

  private static String translate(String name) {
    return name.toLowerCase(Locale.ROOT)
        .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
        .replace('\u0001', '-').replace('\u0002', '_');
  }

  private static Map<String, String> read(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("configuration file " + file + " does not exist or cannot be read");
    }
    var p = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    var values = new TreeMap<String, String>();
    p.stringPropertyNames().forEach(k -> values.put(k.strip(), p.getProperty(k).strip()));
    return values;
  }
}
