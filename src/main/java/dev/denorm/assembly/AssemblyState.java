package dev.denorm.assembly;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Relation;
import dev.denorm.index.Root;
import dev.denorm.serde.AvroSerde;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rows of one index's partition and how a routed change updates them: the relation's row,
 * the references of the lookups that start from it, and the documents to re-assemble.
 */
final class AssemblyState implements RowStores {

  private final Map<Relation<?>, KeyValueStore<Bytes, byte[]>> rows = new IdentityHashMap<>();
  private final Map<Lookup<?, ?>, KeyValueStore<Bytes, byte[]>> refs = new IdentityHashMap<>();
  private final Map<Relation<?>, AvroSerde<?>> serdes = new IdentityHashMap<>();
  private final Map<Relation<?>, List<Lookup<?, ?>>> lookupsFrom = new IdentityHashMap<>();
  private final LongConsumer dirty;

  AssemblyState(DocumentIndex<?> index, DocumentPlan plan, ProcessingContext context, LongConsumer dirty) {
    this.dirty = dirty;
    for (Relation<?> relation : plan.relations()) {
      rows.put(relation, context.getStateStore(AssemblyStores.rows(index, relation)));
      serdes.put(relation, AvroSerde.of(relation.table().rowClass()));
      lookupsFrom.put(relation, plan.lookupsFrom(relation));
    }
    for (Lookup<?, ?> lookup : plan.lookups()) {
      refs.put(lookup, context.getStateStore(AssemblyStores.refs(index, lookup)));
    }
  }

  /** Applies one routed change of {@code relation}; value null means the row is gone. */
  void apply(Relation<?> relation, byte[] key, byte[] value) {
    switch (relation) {
      case Root<?> root -> applyOwned(root, key, value, Keys.id(key, 0), 0L);
      case Children<?, ?> children -> applyOwned(children, key, value, Keys.id(key, 0), Keys.id(key, 1));
      case Lookup<?, ?> lookup -> applyLookup(lookup, key, value);
    }
  }

  /** A root or child row: stored, its references updated, its document marked. */
  private void applyOwned(Relation<?> relation, byte[] key, byte[] value, long documentId, long childId) {
    byte[] before = rows.get(relation).get(Bytes.wrap(key));
    if (!replace(rows.get(relation), key, before, value)) {
      return;
    }
    List<Lookup<?, ?>> lookups = lookupsFrom.get(relation);
    if (!lookups.isEmpty()) {
      SpecificRecord oldRow = decode(relation, before);
      SpecificRecord newRow = decode(relation, value);
      for (Lookup<?, ?> lookup : lookups) {
        Long oldTarget = target(lookup, oldRow);
        Long newTarget = target(lookup, newRow);
        if (!Objects.equals(oldTarget, newTarget)) {
          if (oldTarget != null) {
            refs.get(lookup).delete(Bytes.wrap(Keys.of(oldTarget, documentId, childId)));
          }
          if (newTarget != null) {
            refs.get(lookup).put(Bytes.wrap(Keys.of(newTarget, documentId, childId)), Keys.EMPTY);
          }
        }
      }
    }
    dirty.accept(documentId);
  }

  /** A referenced row: stored in this partition's copy; every document that references it is marked. */
  private void applyLookup(Lookup<?, ?> lookup, byte[] key, byte[] value) {
    var storeKey = Bytes.wrap(key);
    if (!replace(rows.get(lookup), key, rows.get(lookup).get(storeKey), value)) {
      return;
    }
    long lastDocument = Long.MIN_VALUE;
    try (var referencing = refs.get(lookup).prefixScan(storeKey, new BytesSerializer())) {
      while (referencing.hasNext()) {
        long document = Keys.id(referencing.next().key.get(), 1);
        if (document != lastDocument) {
          dirty.accept(document);
          lastDocument = document;
        }
      }
    }
  }

  /** Stores {@code value} (null: deletes) unless it equals {@code before}; false when nothing changed. */
  private static boolean replace(KeyValueStore<Bytes, byte[]> store, byte[] key, byte[] before, byte[] value) {
    if (value == null ? before == null : Arrays.equals(before, value)) {
      return false;
    }
    if (value == null) {
      store.delete(Bytes.wrap(key));
    } else {
      store.put(Bytes.wrap(key), value);
    }
    return true;
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

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Long target(Lookup lookup, SpecificRecord from) {
    return from == null ? null : (Long) lookup.key().apply(from);
  }
}
