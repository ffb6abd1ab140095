package dev.denorm.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A Kafka Connect predicate for the connector's config: true for a Debezium truncate event (no
 * key, value op 't'). Debezium sends a truncate without a key, and a compacted change topic rejects
 * a record without a key, which stops the connector; the recommended config therefore gives these
 * events a key with Kafka's own ValueToKey ({@code {"op":"t"}}) under this predicate. No
 * predicate that Kafka or Debezium ship can tell a truncate apart (Debezium's content-based filter
 * needs a scripting engine). It must be on the Connect worker's plugin path: the
 * {@code denorm-*-connect.jar} holds only this package.
 */
public final class TruncateEvent<R extends ConnectRecord<R>> implements Predicate<R> {

  @Override
  public boolean test(R record) {
    return record.key() == null && record.value() instanceof Struct value && value.schema().field("op") != null
        && "t".equals(value.get("op"));
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
