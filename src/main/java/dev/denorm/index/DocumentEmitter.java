package dev.denorm.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import dev.denorm.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Emits each changed document once per emit interval, however many intermediate join and
 * aggregation results it went through: a product rename that touches N lines of one order
 * yields one order document, not N. Pending documents wait in a changelogged store (so a crash
 * loses none) and are sent on a wall-clock punctuation, latest version per key; a deleted
 * document is pending as an empty value and is sent as a tombstone.
 */
public final class DocumentEmitter<D extends SpecificRecord> implements Processor<Long, D, String, D> {

  private static final byte[] DELETED = new byte[0];

  private final String storeName;
  private final AvroSerde<D> serde;
  private final Duration interval;
  private ProcessorContext<String, D> context;
  private KeyValueStore<Long, byte[]> pending;

  public DocumentEmitter(String storeName, AvroSerde<D> serde, Duration interval) {
    this.storeName = storeName;
    this.serde = serde;
    this.interval = interval;
  }

  /** The store of pending documents for one index. */
  public static StoreBuilder<KeyValueStore<Long, byte[]>> store(String storeName) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.Long(), Serdes.ByteArray());
  }

  @Override
  public void init(ProcessorContext<String, D> context) {
    this.context = context;
    this.pending = context.getStateStore(storeName);
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::emit);
  }

  @Override
  public void process(Record<Long, D> record) {
    pending.put(record.key(), record.value() == null ? DELETED : serde.toBytes(record.value()));
  }

  private void emit(long now) {
    List<KeyValue<Long, byte[]>> due = new ArrayList<>();
    try (var all = pending.all()) {
      all.forEachRemaining(due::add);
    }
    for (KeyValue<Long, byte[]> entry : due) {
      D document = entry.value.length == 0 ? null : serde.fromBytes(entry.value);
      context.forward(new Record<>(entry.key.toString(), document, now));
      pending.delete(entry.key);
    }
  }
}
