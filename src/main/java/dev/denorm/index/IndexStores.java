package dev.denorm.index;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** Named RocksDB stores keyed by a primary key, for the joins and aggregations of an index. */
public final class IndexStores {

  private IndexStores() {}

  public static <V> Materialized<Long, V, KeyValueStore<Bytes, byte[]>> byId(String name, Serde<V> valueSerde) {
    return Materialized.<Long, V, KeyValueStore<Bytes, byte[]>>as(name).withKeySerde(Serdes.Long()).withValueSerde(valueSerde);
  }
}
