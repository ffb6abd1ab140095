package dev.denorm.cdc;

import dev.denorm.config.TopologySettings;

/**
 * Reads the bytes of one change-event key or value, as the connector's converter wrote them, into
 * a payload and its Connect schema (null when the converter wrote none): the one place that knows
 * the format (denorm.source.format); decoding rows from there on is the same for every format.
 */
interface ChangeEventReader {

  DebeziumJson.Unwrapped read(byte[] bytes, String what);

  /** Kafka's JsonConverter, with or without schemas. */
  static ChangeEventReader json() {
    return DebeziumJson::read;
  }

  /** The reader of the configured format. */
  static ChangeEventReader of(TopologySettings settings) {
    return switch (settings.sourceFormat()) {
      case JSON -> json();
      case AVRO -> new AvroChangeEvents(SchemaRegistry.at(settings.registryUrl(), settings.registryAccess()));
    };
  }
}
