package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.position.Floor;
import dev.denorm.position.Mark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Finds the document of each row of children whose parent is itself a child (a line of an order,
 * in a customer's document): a line knows its order, not its customer. Both its inputs are keyed
 * by the parent's key, so one task sees every child of a parent and the parent's owner:
 * <ul>
 *   <li>the children's rows, (parent key, own key) -&gt; row or null, kept in {@code <index>-<name>-by-parent};</li>
 *   <li>which document owns each parent row, parent key -&gt; document key or null (the parent left its
 *       document: deleted, filtered out, or its own parent did), kept in {@code <index>-<name>-owners}.</li>
 * </ul>
 * It forwards each child as (document key, parent key, own key) -&gt; row or null, to the document's
 * partition; when a parent changes owner, all its children leave the old document and join the
 * new one, and so, through the next resolver down, do theirs. A child whose parent has no owner
 * yet waits here for it. Position marks come in on both inputs; the lower of the two goes on, as
 * this task's mark, when it rises: a child's document depends on both.
 */
final class ParentResolver implements Processor<byte[], byte[], byte[], byte[]> {

  /** What {@link Keys#replace} answers when the store held the value already. */
  private static final byte[] UNCHANGED = new byte[0];

  private final DocumentIndex<?> index;
  private final Children<?, ?> children;
  private final String ownersRepartition;
  private String ownersTopic;
  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> byParent;
  private KeyValueStore<Bytes, byte[]> owners;
  private int parentColumns;
  /** Stream 0: the children's rows; 1: the parents' owners. */
  private Floor floor;
  /** {@code denorm.partitions}; 0: as many as the change topics have. */
  private final int routingPartitions;

  /**
   * @param ownersRepartition the name of the owners' repartition ({@link AssemblyTopology})
   * @param routingPartitions {@code denorm.partitions}: the number of tasks this resolver has, or 0
   *     for the change topics' partition count
   */
  ParentResolver(DocumentIndex<?> index, Children<?, ?> children, String ownersRepartition, int routingPartitions) {
    this.routingPartitions = routingPartitions;
    this.index = index;
    this.children = children;
    this.ownersRepartition = ownersRepartition;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.ownersTopic = context.applicationId() + "-" + ownersRepartition + "-repartition";
    this.byParent = context.getStateStore(AssemblyStores.byParent(index, children));
    this.owners = context.getStateStore(AssemblyStores.owners(index, children));
    this.parentColumns = children.parent().table().keyColumns().size();
    this.floor = new Floor(2);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    boolean owners = topic.equals(ownersTopic);
    if (Keys.isPosition(record.key())) {
      position(owners ? 1 : 0, Mark.of(record.value()), record.timestamp());
    } else if (owners) {
      if (!Keys.isSnapshotEnd(record.key())) {
        owner(record);
      }
    } else if (Keys.isSnapshotEnd(record.key())) {
      context.forward(record); // the children's table ended its snapshot: on to every assembling task
    } else {
      child(record);
    }
  }

  private void position(int stream, Mark mark, long timestamp) {
    if (floor.add(stream, mark)) {
      int partitions = routingPartitions > 0 ? routingPartitions : mark.partitions();
      var own = new Mark(floor.value(), context.taskId().partition(), partitions);
      context.forward(new Record<>(Keys.POSITION, own.bytes(), timestamp));
    }
  }

  /** A child row changed: kept under its parent, and forwarded to the parent's document if it has one. */
  private void child(Record<byte[], byte[]> record) {
    if (Keys.replace(byParent, record.key(), record.value(), UNCHANGED) == UNCHANGED) {
      return;
    }
    byte[] parent = Arrays.copyOf(record.key(), RowKey.prefixLength(record.key(), parentColumns));
    byte[] document = owners.get(Bytes.wrap(parent));
    if (document != null) {
      context.forward(record.withKey(Keys.concat(document, record.key())));
    }
  }

  /** A parent's owner changed: its children leave the old document and join the new one. */
  private void owner(Record<byte[], byte[]> record) {
    byte[] document = record.value();
    byte[] before = Keys.replace(owners, record.key(), document, UNCHANGED);
    if (before == UNCHANGED) {
      return;
    }
    var parent = Bytes.wrap(record.key());
    List<KeyValue<Bytes, byte[]>> rows = new ArrayList<>();
    try (var under = byParent.prefixScan(parent, new BytesSerializer())) {
      under.forEachRemaining(rows::add);
    }
    for (var row : rows) {
      if (before != null) {
        context.forward(new Record<>(Keys.concat(before, row.key.get()), null, record.timestamp(), record.headers()));
      }
      if (document != null) {
        context.forward(new Record<>(Keys.concat(document, row.key.get()), row.value, record.timestamp(), record.headers()));
      }
    }
  }

  /** For the owners stream: a routed parent row (store key, row or null) as (parent key -&gt; document key or null). */
  static KeyValue<byte[], byte[]> ownerOf(byte[] storeKey, byte[] row, int documentColumns, int parentColumns) {
    if (Keys.isPosition(storeKey)) {
      return KeyValue.pair(storeKey, row); // on to every resolving task
    }
    int documentLength = RowKey.prefixLength(storeKey, documentColumns);
    int total = storeKey.length;
    int ownStart = total - ownLength(storeKey, parentColumns);
    return KeyValue.pair(Arrays.copyOfRange(storeKey, ownStart, total),
        row == null ? null : Arrays.copyOf(storeKey, documentLength));
  }

  /** Bytes of the last {@code columns} column values of a key. */
  private static int ownLength(byte[] key, int columns) {
    int size = RowKey.fromBytes(key).size();
    return key.length - RowKey.prefixLength(key, size - columns);
  }
}
