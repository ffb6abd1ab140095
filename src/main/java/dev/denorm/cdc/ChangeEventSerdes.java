package dev.denorm.cdc;

import java.util.List;
import dev.denorm.config.TopologySettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Read-only serdes for Debezium change topics: the key decodes to the primary key, the value to
 * a {@link RowChange}. Decoding errors surface as
 * {@link MalformedChangeException}, which {@link DeadLetterHandler} routes to the dead-letter topic.
 */
public final class ChangeEventSerdes {

  private ChangeEventSerdes() {}

  static Serde<RowKey> key(ChangeTable<?> table, ChangeEventReader format) {
    var decoder = new RowKeyDecoder(format, table);
    return Serdes.serdeFrom(readOnly(), (topic, bytes) -> decoder.decode(bytes));
  }

  static <R extends SpecificRecord> Serde<RowChange<R>> value(ChangeTable<R> table, ChangeEventReader format,
      TopologySettings settings, List<String> readers) {
    var decoder = new ChangeEventDecoder<>(format, table, settings.toastPlaceholder(), settings.applyTruncates(), readers,
        settings.transactionsAligned());
    return Serdes.serdeFrom(readOnly(), (topic, bytes) -> decoder.decode(bytes));
  }

  private static <T> Serializer<T> readOnly() {
    return (topic, value) -> {
      throw new UnsupportedOperationException("change topics are written by Debezium, never by this application");
    };
  }
}
