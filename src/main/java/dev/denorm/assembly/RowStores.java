package dev.denorm.assembly;

import dev.denorm.index.Relation;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The row stores of one partition of an index, by relation, as {@link DocumentRows} reads them: the
 * assembling task's own ({@link AssemblyState}), or the same stores queried from outside the stream
 * thread ({@link StoredDocuments}).
 */
interface RowStores {

  ReadOnlyKeyValueStore<Bytes, byte[]> rows(Relation<?> relation);

  /** A stored row's bytes as the relation's row; null for null. */
  <R extends SpecificRecord> R decode(Relation<R> relation, byte[] bytes);
}
