package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * {@link Rows} of one document, read from the partition's stores (the task's own, or queried). Looked-up rows are decoded once
 * per emit and kept in a small LRU map: a product in thousands of re-assembled orders is read once.
 */
final class DocumentRows implements Rows {

  private static final int LOOKUP_CACHE_ENTRIES = 10_000;

  private final RowStores state;
  private final Layout layout;
  private final Map<Lookup<?, ?>, Map<RowKey, Optional<SpecificRecord>>> lookups = new IdentityHashMap<>();
  private final Map<Lookup<?, ?>, ForeignKey> foreignKeys = new IdentityHashMap<>();
  private RowKey document;
  private SpecificRecord root;

  DocumentRows(RowStores state, Layout layout) {
    this.state = state;
    this.layout = layout;
  }

  /** Moves to a document; false when its root row does not exist (or fails the root's filter). */
  <R extends SpecificRecord> boolean moveTo(Root<R> rootRelation, RowKey documentKey) {
    document = documentKey;
    root = state.decode(rootRelation, state.rows(rootRelation).get(Bytes.wrap(documentKey.bytes())));
    return root != null;
  }

  /** Forgets the looked-up rows: they may change before the next emit. */
  void clearLookups() {
    lookups.clear();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends SpecificRecord> R root(Root<R> rootRelation) {
    return (R) root;
  }

  @Override
  public <C extends SpecificRecord> List<C> children(Children<?, C> children) {
    if (!(children.parent() instanceof Root<?>)) {
      throw new IllegalArgumentException("children " + children.name() + " hang from " + children.parent().name()
          + ", not from the root: read them with children(" + children.name() + ", parentRow)");
    }
    return scan(children, document);
  }

  @Override
  public <P extends SpecificRecord, C extends SpecificRecord> List<C> children(Children<P, C> children, P parent) {
    return scan(children, layout.childrenPrefix(children, document, parent));
  }

  private <C extends SpecificRecord> List<C> scan(Children<?, C> children, RowKey prefix) {
    var result = new ArrayList<C>();
    try (var rows = state.rows(children).prefixScan(Bytes.wrap(prefix.bytes()), new BytesSerializer())) {
      rows.forEachRemaining(kv -> result.add(state.decode(children, kv.value)));
    }
    return result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <F extends SpecificRecord, T extends SpecificRecord> T lookup(Lookup<F, T> lookup, F from) {
    RowKey key = foreignKeys.computeIfAbsent(lookup, ForeignKey::of).of(from);
    if (key == null) {
      return null;
    }
    return (T) lookups.computeIfAbsent(lookup, l -> lru()).computeIfAbsent(key,
        k -> Optional.ofNullable(state.decode(lookup, state.rows(lookup).get(Bytes.wrap(key.bytes()))))).orElse(null);
  }

  private static Map<RowKey, Optional<SpecificRecord>> lru() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<RowKey, Optional<SpecificRecord>> eldest) {
        return size() > LOOKUP_CACHE_ENTRIES;
      }
    };
  }
}
