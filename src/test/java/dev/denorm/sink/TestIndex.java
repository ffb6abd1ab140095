package dev.denorm.sink;

import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Rows;
import dev.denorm.serde.AvroSerde;
import dev.denorm.serde.AvroTrust;
import org.apache.avro.specific.SpecificRecord;

/** An index with its own name per test, for the sink alone (it does not build documents). */
record TestIndex<D extends SpecificRecord>(String name, AvroSerde<D> documentSerde) implements DocumentIndex<D> {

  /** As {@code Indexes} does for the configured indexes, trusts the document class for Avro to decode. */
  static <D extends SpecificRecord> TestIndex<D> of(String name, Class<D> type) {
    AvroTrust.trust(type);
    return new TestIndex<>(name, AvroSerde.of(type));
  }

  @Override
  public DocumentPlan plan() {
    throw new UnsupportedOperationException("the sink tests write document topics directly");
  }

  @Override
  public D assemble(Rows rows) {
    throw new UnsupportedOperationException("the sink tests write document topics directly");
  }
}
