package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
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
 * yet waits here for it.
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

  /** @param ownersRepartition the name of the owners' repartition ({@link AssemblyTopology}) */
  ParentResolver(DocumentIndex<?> index, Children<?, ?> children, String ownersRepartition) {
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
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    if (topic.equals(ownersTopic)) {
      if (!Keys.isSnapshotEnd(record.key())) {
        owner(record);
      }
    } else if (Keys.isSnapshotEnd(record.key())) {
      context.forward(record); // the children's table ended its snapshot: on to every assembling task
    } else {
      child(record);
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
        context.forward(new Record<>(Keys.concat(before, row.key.get()), null, record.timestamp()));
      }
      if (document != null) {
        context.forward(new Record<>(Keys.concat(document, row.key.get()), row.value, record.timestamp()));
      }
    }
  }

  /** For the owners stream: a routed parent row (store key, row or null) as (parent key -&gt; document key or null). */
  static KeyValue<byte[], byte[]> ownerOf(byte[] storeKey, byte[] row, int documentColumns, int parentColumns) {
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
