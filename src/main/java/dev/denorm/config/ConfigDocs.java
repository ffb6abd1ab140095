package dev.denorm.config;

import java.util.Comparator;
import org.apache.kafka.common.config.ConfigDef;

/** The configuration reference as a Markdown table, generated from {@link AppConfig#DEFINITION}. */
public final class ConfigDocs {

  private ConfigDocs() {}

  public static String markdownTable() {
    var out = new StringBuilder("| key | type | default | allowed | description |\n|---|---|---|---|---|\n");
    AppConfig.DEFINITION.configKeys().values().stream()
        .sorted(Comparator.comparing((ConfigDef.ConfigKey k) -> k.name))
        .forEach(key -> out.append("| `").append(key.name).append("` | ").append(key.type.toString().toLowerCase())
            .append(" | ").append(defaultValue(key)).append(" | ").append(key.validator == null ? "" : cell(key.validator.toString()))
            .append(" | ").append(cell(key.documentation)).append(" |\n"));
    return out.toString();
  }

  private static String defaultValue(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    if (key.type == ConfigDef.Type.PASSWORD) {
      return "(secret)";
    }
    Object value = key.defaultValue;
    return value == null || value.toString().isEmpty() ? "" : "`" + cell(value.toString()) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ").replace("\u0000", "\\u0000");
  }
}
