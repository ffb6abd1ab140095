package dev.denorm.app;

import dev.denorm.index.Indexes;
import dev.denorm.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 * A name ending in {@code _FILE} sets the key without it to the content of the file it names, as
 * Docker's secrets are read: {@code DENORM_SINK_PASSWORD_FILE=/run/secrets/es -> denorm.sink.password};
 * unless only the name with it is a key (Kafka's {@code sasl.oauthbearer.assertion.file}).
 */
public final class ConfigLoader {

  static final String ENV_PREFIX = "DENORM_";
  static final String ENV_STREAMS_PREFIX = "DENORM_STREAMS_";
  static final String ENV_FILE_SUFFIX = "_FILE";

  private ConfigLoader() {}

  public static AppConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> sets) {
    var config = AppConfig.from(values(file, env, sets));
    Indexes.of(config); // fail fast on an index class that cannot be used, before any command starts
    return config;
  }

  static Map<String, String> values(Optional<Path> file, Map<String, String> env, Map<String, String> sets) {
    var values = new TreeMap<String, String>();
    file.ifPresent(f -> values.putAll(read(f)));
    values.putAll(fromEnvironment(env));
    values.putAll(sets);
    return values;
  }

  /** The keys the environment sets, {@code _FILE} variables read; a key set both ways is refused. */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    var values = new TreeMap<String, String>();
    var setBy = new TreeMap<String, String>();
    new TreeMap<>(env).forEach((name, value) -> keyOf(name).ifPresent(key -> {
      var fromFile = fileKeyOf(name);
      String target = fromFile.orElse(key);
      String before = setBy.put(target, name);
      if (before != null) {
        throw new ConfigException(before + " and " + name + " both set " + target + "; set one of them");
      }
      values.put(target, fromFile.isPresent() ? secretFile(name, value) : value);
    }));
    return values;
  }

  /** The key whose value a {@code _FILE} variable holds the file of, if it is one. */
  static Optional<String> fileKeyOf(String envName) {
    if (!envName.endsWith(ENV_FILE_SUFFIX) || envName.endsWith("_" + ENV_FILE_SUFFIX)) {
      return Optional.empty();
    }
    String bare = envName.substring(0, envName.length() - ENV_FILE_SUFFIX.length());
    if (bare.length() <= ENV_PREFIX.length() || (bare + "_").equals(ENV_STREAMS_PREFIX)) {
      return Optional.empty();
    }
    var key = keyOf(bare);
    var whole = keyOf(envName);
    // a key that itself ends in .file (sasl.oauthbearer.assertion.file) keeps its plain mapping
    if (key.isEmpty() || whole.isPresent() && AppConfig.defines(whole.get()) && !AppConfig.defines(key.get())) {
      return Optional.empty();
    }
    return key;
  }

  /** A secret file's content, one trailing newline removed; an error names the variable and the path only. */
  private static String secretFile(String envName, String path) {
    String content;
    try {
      content = Files.readString(Path.of(path));
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException("cannot read the file " + envName + " names, " + path + " ("
          + e.getClass().getSimpleName() + ")");
    }
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
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
