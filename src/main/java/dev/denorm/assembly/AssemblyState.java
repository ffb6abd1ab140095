package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Relation;
import dev.denorm.serde.AvroSerde;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rows of one index's partition and how a routed change updates them: the relation's row,
 * the references of the lookups that start from it, and the documents to re-assemble: the one
 * that owns the row, or, for a shared row, every document that reaches it through references
 * (an order's customer's region: region, customers that reference it, orders that reference those).
 */
final class AssemblyState implements RowStores {

  /** What {@link Keys#replace} answers when the store held the value already. */
  private static final byte[] UNCHANGED = new byte[0];

  private final Layout layout;
  private final Map<Relation<?>, KeyValueStore<Bytes, byte[]>> rows = new IdentityHashMap<>();
  private final Map<Lookup<?, ?>, KeyValueStore<Bytes, byte[]>> refs = new IdentityHashMap<>();
  private final Map<Relation<?>, AvroSerde<?>> serdes = new IdentityHashMap<>();
  private final Map<Relation<?>, List<Lookup<?, ?>>> lookupsFrom = new IdentityHashMap<>();
  private final Map<Lookup<?, ?>, ForeignKey> foreignKeys = new IdentityHashMap<>();
  private final Consumer<byte[]> dirty;

  AssemblyState(DocumentIndex<?> index, DocumentPlan plan, ProcessingContext context, Consumer<byte[]> dirty) {
    this.layout = new Layout(plan);
    this.dirty = dirty;
    for (Relation<?> relation : plan.relations()) {
      rows.put(relation, context.getStateStore(AssemblyStores.rows(index, relation)));
      serdes.put(relation, AvroSerde.of(relation.table().rowClass()));
      lookupsFrom.put(relation, plan.lookupsFrom(relation));
    }
    for (Lookup<?, ?> lookup : plan.lookups()) {
      refs.put(lookup, context.getStateStore(AssemblyStores.refs(index, lookup)));
      foreignKeys.put(lookup, ForeignKey.of(lookup));
    }
  }

  Layout layout() {
    return layout;
  }

  /** Applies one routed change of {@code relation} (key: the row's store key); value null means the row is gone. */
  void apply(Relation<?> relation, byte[] key, byte[] value) {
    byte[] before = Keys.replace(rows.get(relation), key, value, UNCHANGED);
    if (before == UNCHANGED) {
      return;
    }
    List<Lookup<?, ?>> lookups = lookupsFrom.get(relation);
    if (!lookups.isEmpty()) {
      SpecificRecord oldRow = decode(relation, before);
      SpecificRecord newRow = decode(relation, value);
      for (Lookup<?, ?> lookup : lookups) {
        RowKey oldTarget = oldRow == null ? null : foreignKeys.get(lookup).of(oldRow);
        RowKey newTarget = newRow == null ? null : foreignKeys.get(lookup).of(newRow);
        if (!Objects.equals(oldTarget, newTarget)) {
          if (oldTarget != null) {
            refs.get(lookup).delete(Bytes.wrap(Keys.concat(oldTarget.bytes(), key)));
          }
          if (newTarget != null) {
            refs.get(lookup).put(Bytes.wrap(Keys.concat(newTarget.bytes(), key)), Keys.EMPTY);
          }
        }
      }
    }
    touch(relation, key);
  }

  /** Marks every document that holds the row of {@code relation} stored under {@code key}. */
  private void touch(Relation<?> relation, byte[] key) {
    if (DocumentPlan.isOwned(relation)) {
      dirty.accept(layout.documentOf(key));
      return;
    }
    switch (relation) {
      case Lookup<?, ?> lookup -> {
        try (var referencing = refs.get(lookup).prefixScan(Bytes.wrap(key), new BytesSerializer())) {
          while (referencing.hasNext()) {
            byte[] ref = referencing.next().key.get();
            touch(lookup.from(), Arrays.copyOfRange(ref, key.length, ref.length));
          }
        }
      }
      case Children<?, ?> shared -> { // a child of a looked-up row: held by every document that holds that row
        int parentLength = RowKey.prefixLength(key, shared.parent().table().keyColumns().size());
        touch(shared.parent(), Arrays.copyOf(key, parentLength));
      }
      default -> throw new IllegalStateException("the root is owned");
    }
  }

  @Override
  public KeyValueStore<Bytes, byte[]> rows(Relation<?> relation) {
    var store = rows.get(relation);
    if (store == null) {
      throw new IllegalArgumentException("relation '" + relation.name() + "' is not one of the plan's relations: declare"
          + " relations once (static final fields) and use the same instances in plan() and assemble()");
    }
    return store;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends SpecificRecord> R decode(Relation<R> relation, byte[] bytes) {
    return bytes == null ? null : ((AvroSerde<R>) serdes.get(relation)).fromBytes(bytes);
  }
}
