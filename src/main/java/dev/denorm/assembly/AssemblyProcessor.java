package dev.denorm.assembly;

import java.util.Arrays;
import dev.denorm.cdc.ChangeApplier;
import dev.denorm.cdc.RowKey;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Relation;
import dev.denorm.position.Floor;
import dev.denorm.position.Mark;
import dev.denorm.position.Positions;
import dev.denorm.serde.TransactionHeader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The one processor of an index's assembling task: applies the routed changes of every relation
 * (which relation a record belongs to is told by the first byte of its key, {@link RelationTags})
 * and, on a wall-clock punctuation, emits the changed documents: key = document id, value = the
 * document's Avro bytes or null for a delete. While the connector's initial snapshot streams rows in (their changes carry
 * the snapshot header, and a table's last one is followed by a record with an empty key), emitting
 * waits as {@link SnapshotHold} says: an order must not be searchable before its lines are in.
 * A request of the repair topic ({@link RepairTopic}) has its document emitted at the next emit,
 * as the stores hold it, even if it equals the last one emitted. Position marks of every relation
 * make the task's position (the lowest of them); once the documents marked before it rose are
 * emitted, it goes on to the document topic as a mark of its own ({@link DocumentEmitter#reached}).
 */
final class AssemblyProcessor<D extends SpecificRecord> implements Processor<byte[], byte[], String, byte[]> {

  private final DocumentIndex<D> index;
  private final Duration emitInterval;
  private final SnapshotHold hold;
  /** The relations by their number in routed keys ({@link RelationTags}). */
  private List<Relation<?>> relations;
  private Set<String> routingTopics;
  private String repairTopic;
  private ProcessorContext<String, byte[]> context;
  private AssemblyState state;
  private DocumentEmitter<D> emitter;
  /** The timestamp of the record being applied: the marks it makes carry it. */
  private long changeTimestamp;
  /** The commit the transaction of the record being applied followed ({@link TransactionHeader}). */
  private long previousCommit = TransactionHeader.NONE;
  private final Duration transactionHold;
  private TransactionHold transactions;
  private boolean holding;
  private TransactionMetrics metrics;
  private final Positions positions;
  private final int routingPartitions;
  private Floor floor;

  AssemblyProcessor(DocumentIndex<D> index, Duration emitInterval, SnapshotHold hold) {
    this(index, emitInterval, hold, Positions.none(), 0, Duration.ZERO);
  }

  /**
   * @param routingPartitions {@code denorm.partitions}: how many assembling tasks there are; 0: as many as change topic partitions
   * @param transactionHold the longest a document waits for the rest of its transactions; zero: it does not wait
   */
  AssemblyProcessor(DocumentIndex<D> index, Duration emitInterval, SnapshotHold hold, Positions positions,
      int routingPartitions, Duration transactionHold) {
    this.transactionHold = transactionHold;
    this.positions = positions;
    this.routingPartitions = routingPartitions;
    this.index = index;
    this.emitInterval = emitInterval;
    this.hold = hold;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    var plan = index.plan();
    relations = AssemblyTopology.treeOrder(plan);
    hold.relations(relations.size());
    floor = new Floor(relations.size());
    routingTopics = Set.copyOf(AssemblyTopology.routingTopics(context.applicationId(), index));
    repairTopic = RepairTopic.name(context.applicationId(), index.name());
    state = new AssemblyState(index, plan, context, id -> emitter.mark(id, changeTimestamp, previousCommit));
    transactions = new TransactionHold(transactionHold);
    if (!transactionHold.isZero()) {
      metrics = new TransactionMetrics(context.metrics(), Thread.currentThread().getName(), context.taskId().toString(),
          index.name());
    }
    emitter = new DocumentEmitter<>(index, plan.root(), context, state, transactions);
    context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emit);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    if (topic.equals(repairTopic)) {
      // a key of another shape is none of ours: nothing to repair
      RowKey document = RepairTopic.documentKey(record.key(), index);
      if (document != null) {
        emitter.repair(document.bytes());
      }
      return;
    }
    if (!routingTopics.contains(topic)) {
      throw new IllegalStateException("index " + index.name() + " got a record from topic '" + topic
          + "', which is none of its routing topics " + routingTopics + " nor its repair topic " + repairTopic);
    }
    int tag = RelationTags.tag(record.key());
    if (tag >= relations.size()) {
      throw new IllegalStateException("index " + index.name() + " got a record of relation number " + tag + " from "
          + topic + ", but has " + relations.size() + " relations: was the routing topic written by another plan?");
    }
    Relation<?> relation = relations.get(tag);
    byte[] key = RelationTags.untagged(record.key());
    if (Keys.isPosition(key)) {
      var mark = Mark.of(record.value());
      if (floor.add(tag, mark)) {
        int partitions = routingPartitions > 0 ? routingPartitions : mark.partitions();
        emitter.reached(new Mark(floor.value(), context.taskId().partition(), partitions));
        positions.assembly(index.name(), context.taskId().partition(), floor.value());
      }
      return;
    }
    if (Keys.isSnapshotEnd(key)) {
      hold.end(relation, context.currentSystemTimeMs()); // the snapshot-end mark (Routes)
      return;
    }
    var snapshot = record.headers().lastHeader(ChangeApplier.SNAPSHOT_HEADER);
    if (snapshot != null) {
      hold.row(relation, context.currentSystemTimeMs(), Arrays.equals(snapshot.value(), ChangeApplier.FIRST_ROW));
    }
    changeTimestamp = record.timestamp();
    previousCommit = TransactionHeader.read(record.headers());
    state.apply(relation, key, record.value());
  }

  /** Emits, unless the connector's snapshot is still streaming rows of this index in. */
  private void emit(long now) {
    if (!hold.holds(now)) {
      emitter.emit(now);
      if (metrics != null) {
        metrics.update(transactions);
      }
      if (transactions.holding() != holding) { // documents wait: the capture position is wanted soon
        holding = transactions.holding();
        positions.holding(index.name() + "/" + context.taskId().partition(), holding);
      }
    }
  }

  @Override
  public void close() {
    if (context != null) {
      positions.gone("assembly", index.name(), context.taskId().partition());
      positions.holding(index.name() + "/" + context.taskId().partition(), false);
    }
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }
}
