package dev.denorm.index;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;

/**
 * One search index: its name, its document type (an Avro record from avro/documents) and how
 * its documents are built from the change tables. A document exists exactly while its key is
 * in the returned table; the composer writes the table's changes to the index's document topic.
 *
 * @param <D> the document type
 */
public interface DocumentIndex<D extends SpecificRecord> {

  /** The index name, also the last part of its document topic and every store name it owns. */
  String name();

  /** The serde of the documents in the document topic. */
  AvroSerde<D> documentSerde();

  /** Builds the documents, keyed by the root row's primary key. */
  KTable<Long, D> build(StreamsBuilder builder, ChangeTables tables);
}
