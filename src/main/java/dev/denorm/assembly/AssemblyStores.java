package dev.denorm.assembly;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Lookup;
import dev.denorm.index.Relation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of one index's assembling task, all RocksDB and changelogged unless said:
 * <pre>
 * &lt;index&gt;-&lt;relation&gt;       the relation's rows, keyed as {@link Layout} says
 * &lt;index&gt;-&lt;lookup&gt;-refs    (looked-up key, referencing row's store key): who references a looked-up row
 * &lt;index&gt;-&lt;children&gt;-by-parent   children of owned children, in their ParentResolver: (parent key, own key) -&gt; row
 * &lt;index&gt;-&lt;children&gt;-owners      in the same resolver: parent key -&gt; the document that owns the parent
 * &lt;index&gt;-dirty            documents to re-assemble or whose last emit is not yet committed
 * &lt;index&gt;-emitted          document id -&gt; SHA-256 of the last committed emitted document
 * &lt;index&gt;-commits          not logged, in memory: counts the task's commits (CommitEpoch)
 * </pre>
 */
final class AssemblyStores {

  private AssemblyStores() {}

  static String rows(DocumentIndex<?> index, Relation<?> relation) {
    return index.name() + "-" + relation.name();
  }

  static String refs(DocumentIndex<?> index, Lookup<?, ?> lookup) {
    return index.name() + "-" + lookup.name() + "-refs";
  }

  static String byParent(DocumentIndex<?> index, Children<?, ?> children) {
    return index.name() + "-" + children.name() + "-by-parent";
  }

  static String owners(DocumentIndex<?> index, Children<?, ?> children) {
    return index.name() + "-" + children.name() + "-owners";
  }

  /** The stores of the resolver of {@code children} (children of owned children). */
  static List<StoreBuilder<?>> resolverBuilders(DocumentIndex<?> index, Children<?, ?> children) {
    return List.of(bytes(byParent(index, children)).withCachingDisabled(), bytes(owners(index, children)).withCachingDisabled());
  }

  static String dirty(DocumentIndex<?> index) {
    return index.name() + "-dirty";
  }

  static String emitted(DocumentIndex<?> index) {
    return index.name() + "-emitted";
  }

  static String commits(DocumentIndex<?> index) {
    return index.name() + "-commits";
  }

  /** Every store of the index's assembling task, to add to the topology. */
  static List<StoreBuilder<?>> builders(DocumentIndex<?> index) {
    var builders = new ArrayList<StoreBuilder<?>>();
    for (Relation<?> relation : index.plan().relations()) {
      builders.add(bytes(rows(index, relation)).withCachingDisabled());
    }
    for (Lookup<?, ?> lookup : index.plan().lookups()) {
      builders.add(bytes(refs(index, lookup)).withCachingDisabled());
    }
    builders.add(bytes(dirty(index)).withCachingDisabled());
    builders.add(bytes(emitted(index)).withCachingDisabled());
    builders.add(CommitEpoch.builder(commits(index)));
    return builders;
  }

  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> bytes(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
  }
}
