package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Relation;
import dev.denorm.serde.AvroSerde;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A document as the pipeline holds it now, read with interactive queries: assembled on request,
 * by the index's own {@link DocumentIndex#assemble}, from the row stores of the partition that owns
 * it. No store holds finished documents (the emitted store keeps only their hashes), and none is
 * needed: the owning partition holds every row a document is assembled from (lookup rows are
 * copied to every partition), so this is the document the next emit would write, and the one the
 * last emit wrote unless one of its rows changed within the emit interval.
 */
public final class StoredDocuments {

  private StoredDocuments() {}

  /**
   * Which partition holds the document's rows and which instance is its active owner
   * ({@link KeyQueryMetadata#NOT_AVAILABLE} while the group's metadata is unknown, e.g. rebalancing).
   */
  public static KeyQueryMetadata owner(KafkaStreams streams, DocumentIndex<?> index, RowKey id) {
    return streams.queryMetadataForKey(AssemblyStores.rows(index, index.plan().root()), id.bytes(),
        RoutePartitioner.byLeading(id.size()));
  }

  /**
   * The document from this instance's active stores of {@code partition}; null when its root row
   * does not exist or the index assembles none from its rows (e.g. an inner-joined row missing).
   *
   * @throws InvalidStateStoreException when this instance does not (or no longer) own the partition
   *     as an active task, or its stores are restoring
   */
  public static <D extends SpecificRecord> D assemble(KafkaStreams streams, DocumentIndex<D> index, RowKey id, int partition) {
    return assemble(index, id, name -> streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(partition)));
  }

  /** The document from the stores {@code storeNamed} returns: one partition's stores of the index, by name. */
  public static <D extends SpecificRecord> D assemble(DocumentIndex<D> index, RowKey id,
      Function<String, ReadOnlyKeyValueStore<Bytes, byte[]>> storeNamed) {
    var rows = new DocumentRows(new QueriedStores(index, storeNamed), new Layout(index.plan()));
    return rows.moveTo(index.plan().root(), id) ? index.assemble(rows) : null;
  }

  /** The stores of the index's relations, each looked up once, and the rows' serdes. */
  private static final class QueriedStores implements RowStores {

    private final DocumentIndex<?> index;
    private final Function<String, ReadOnlyKeyValueStore<Bytes, byte[]>> storeNamed;
    private final Map<Relation<?>, ReadOnlyKeyValueStore<Bytes, byte[]>> stores = new IdentityHashMap<>();
    private final Map<Relation<?>, AvroSerde<?>> serdes = new IdentityHashMap<>();

    QueriedStores(DocumentIndex<?> index, Function<String, ReadOnlyKeyValueStore<Bytes, byte[]>> storeNamed) {
      this.index = index;
      this.storeNamed = storeNamed;
    }

    @Override
    public ReadOnlyKeyValueStore<Bytes, byte[]> rows(Relation<?> relation) {
      return stores.computeIfAbsent(relation, r -> storeNamed.apply(AssemblyStores.rows(index, r)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R extends SpecificRecord> R decode(Relation<R> relation, byte[] bytes) {
      if (bytes == null) {
        return null;
      }
      var serde = (AvroSerde<R>) serdes.computeIfAbsent(relation, r -> AvroSerde.of(r.table().rowClass()));
      return serde.fromBytes(bytes);
    }
  }
}
