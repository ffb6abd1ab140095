package dev.denorm.cdc;

import dev.denorm.position.Mark;
import dev.denorm.position.Positions;
import dev.denorm.serde.AvroSerde;
import dev.denorm.serde.TransactionHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each change event to the table's current row (store {@code table-<name>}) and forwards
 * the row before and after it, at once: no cache, so a change leaves this step in the same poll.
 * Nothing is forwarded when nothing changed: a delete of an unknown row, or an event that repeats
 * the stored row (Debezium re-sends events after a restart). A TRUNCATE deletes every stored row.
 * With capture positions sampled ({@link Positions#tracked}), it forwards a position mark, behind the
 * rows, whenever the table's intake has passed a higher one: it has applied every record below the
 * change topic's end offset that the sample read after the connector's committed position.
 */
public final class ChangeApplier<R extends SpecificRecord> implements Processor<RowKey, RowChange<R>, RowKey, RowUpdate<R>> {

  /** Header on a change that the connector's snapshot read; its value is {@link #FIRST_ROW} for the first row. */
  public static final String SNAPSHOT_HEADER = "denorm.snapshot";
  /**
   * The snapshot header's value on the snapshot's first row, which may be its table's only one:
   * Debezium's {@code first} wins over {@code last_in_data_collection}, so such a table sends no end mark.
   */
  public static final byte[] FIRST_ROW = {'f'};
  private static final byte[] ROW = new byte[0];

  private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
  /** How often the intake looks whether it passed the last capture sample. */
  static final Duration POSITION_TICK = Duration.ofMillis(100);

  private final ChangeTable<R> table;
  private final ChangeTableAggregator<R> merge;
  private final AvroSerde<R> serde;
  private ProcessorContext<RowKey, RowUpdate<R>> context;
  private KeyValueStore<Bytes, byte[]> rows;
  private final String topic;
  private final Positions positions;
  private final boolean aligned;
  private TopicPartition partition;
  /** The offset of the last record applied in this run, -1 before the first. */
  private long applied = -1;
  private long position = -1;

  ChangeApplier(ChangeTable<R> table) {
    this(table, null, Positions.none(), false);
  }

  /**
   * @param topic the table's change topic, whose end offsets the capture samples hold
   * @param aligned send each streamed change's transaction on ({@link TransactionHeader})
   */
  ChangeApplier(ChangeTable<R> table, String topic, Positions positions, boolean aligned) {
    this.aligned = aligned;
    this.table = table;
    this.topic = topic;
    this.positions = positions;
    this.merge = new ChangeTableAggregator<>(table);
    this.serde = AvroSerde.of(table.rowClass());
  }

  /** The row's key ({@link RowKey} bytes) -> the row's Avro single-object bytes (AvroSerde). */
  static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(ChangeTable<?> table) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(table.storeName()), Serdes.Bytes(),
        Serdes.ByteArray()).withCachingDisabled();
  }

  @Override
  public void init(ProcessorContext<RowKey, RowUpdate<R>> context) {
    this.context = context;
    this.rows = context.getStateStore(table.storeName());
    applied = -1; // what this run applied: nothing yet
    position = -1;
    if (positions.tracked()) {
      partition = new TopicPartition(topic, context.taskId().partition());
      context.schedule(POSITION_TICK, PunctuationType.WALL_CLOCK_TIME, this::position);
    }
  }

  /** Forwards a mark when the intake has passed a capture sample of a higher position than the last mark. */
  private void position(long now) {
    var sample = positions.capture();
    if (sample == null || sample.lsn() <= position || !sample.reachedBy(partition, applied)) {
      return;
    }
    position = sample.lsn();
    positions.intake(table.name(), partition.partition(), position);
    var mark = new Mark(position, partition.partition(), sample.partitions(topic));
    context.forward(new Record<RowKey, RowUpdate<R>>(null, RowUpdate.position(serde, mark), now));
  }

  @Override
  public void process(Record<RowKey, RowChange<R>> record) {
    apply(record);
    if (partition != null) { // only what the position marks need
      applied = context.recordMetadata().map(m -> m.offset()).orElse(applied);
    }
    if (record.value() != null && record.value().snapshotEnd()) {
      // after the row, even when it repeated the stored one: the assembling tasks wait for it (AssemblyProcessor)
      context.forward(new Record<RowKey, RowUpdate<R>>(null, RowUpdate.snapshotEnd(serde), record.timestamp()));
    }
  }

  private void apply(Record<RowKey, RowChange<R>> record) {
    RowKey key = record.key();
    if (record.value() == null) {
      return;
    }
    if (record.value().truncate()) {
      truncate(record);
      return;
    }
    if (key == null) {
      throw new RowKeyDecoder.MissingKeyException();
    }
    RowChange<R> change = record.value();
    var storeKey = Bytes.wrap(key.bytes());
    byte[] before = rows.get(storeKey);
    R after = change.isDelete() ? null
        : change.unavailable().isEmpty() ? change.row() : merge.apply(key, change, serde.fromBytes(before));
    byte[] afterBytes = serde.toBytes(after);
    if (afterBytes == null ? before == null : Arrays.equals(afterBytes, before)) {
      return;
    }
    if (afterBytes == null) {
      rows.delete(storeKey);
    } else {
      rows.put(storeKey, afterBytes);
    }
    // The change event's own headers stay behind: nothing downstream reads them, and each one costs
    // every later hop (routing topic, consumer size metrics) its bytes and a UTF-8 encoding of its key.
    var headers = new RecordHeaders();
    if (change.snapshot()) {
      // tells the assembling tasks that a snapshot is streaming in (see AssemblyProcessor)
      headers.add(SNAPSHOT_HEADER, change.place() == RowChange.Place.FIRST ? FIRST_ROW : ROW);
    } else if (aligned && change.previousCommit() != RowChange.UNKNOWN) {
      headers.add(TransactionHeader.NAME, TransactionHeader.bytes(change.previousCommit()));
    }
    context.forward(new Record<>(key, new RowUpdate<>(serde, before, afterBytes, after), record.timestamp(), headers));
  }

  /**
   * Deletes every row this task holds, each forwarded as a delete so the documents follow as for
   * row deletes. Right only when the change topic has one partition (checked at start, see
   * TruncatePartitions): then every change before the truncate was applied before it, and every
   * change after it comes after.
   */
  private void truncate(Record<RowKey, RowChange<R>> record) {
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = rows.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    for (Bytes key : keys) {
      byte[] before = rows.get(key);
      rows.delete(key);
      context.forward(new Record<>(RowKey.fromBytes(key.get()), new RowUpdate<>(serde, before, null, null), record.timestamp(), new RecordHeaders()));
    }
    LOG.info("TRUNCATE of {} applied: {} rows deleted (change topic partition {}, offset {})", table.name(), keys.size(),
        context.recordMetadata().map(m -> Integer.toString(m.partition())).orElse("?"),
        context.recordMetadata().map(m -> Long.toString(m.offset())).orElse("?"));
  }

  @Override
  public void close() {
    if (partition != null) {
      positions.gone("intake", table.name(), partition.partition());
    }
  }
}
