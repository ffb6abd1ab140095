package dev.denorm.assembly;

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

/**
 * {@link Rows} of one document, read from the partition's stores (the task's own, or queried). Looked-up rows are decoded once
 * per emit and kept in a small LRU map: a product in thousands of re-assembled orders is read once.
 */
final class DocumentRows implements Rows {

  private static final int LOOKUP_CACHE_ENTRIES = 10_000;

  private final RowStores state;
  private final Map<Lookup<?, ?>, Map<Long, Optional<SpecificRecord>>> lookups = new IdentityHashMap<>();
  private long document;
  private SpecificRecord root;

  DocumentRows(RowStores state) {
    this.state = state;
  }

  /** Moves to a document; false when its root row does not exist. */
  <R extends SpecificRecord> boolean moveTo(Root<R> rootRelation, long documentId) {
    document = documentId;
    root = state.decode(rootRelation, state.rows(rootRelation).get(Keys.bytes(documentId)));
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
    var result = new ArrayList<C>();
    try (var rows = state.rows(children).prefixScan(Keys.bytes(document), new BytesSerializer())) {
      rows.forEachRemaining(kv -> result.add(state.decode(children, kv.value)));
    }
    return result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <F extends SpecificRecord, T extends SpecificRecord> T lookup(Lookup<F, T> lookup, F from) {
    Long key = lookup.key().apply(from);
    if (key == null) {
      return null;
    }
    return (T) lookups.computeIfAbsent(lookup, l -> lru()).computeIfAbsent(key,
        k -> Optional.ofNullable(state.decode(lookup, state.rows(lookup).get(Keys.bytes(key))))).orElse(null);
  }

  private static Map<Long, Optional<SpecificRecord>> lru() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Optional<SpecificRecord>> eldest) {
        return size() > LOOKUP_CACHE_ENTRIES;
      }
    };
  }
}
