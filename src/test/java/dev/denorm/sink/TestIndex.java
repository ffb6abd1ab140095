package dev.denorm.sink;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.index.DocumentIndex;
import dev.denorm.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;

/** An index with its own name per test, for the sink alone (it does not build documents). */
record TestIndex<D extends SpecificRecord>(String name, AvroSerde<D> documentSerde) implements DocumentIndex<D> {

  static <D extends SpecificRecord> TestIndex<D> of(String name, Class<D> type) {
    return new TestIndex<>(name, AvroSerde.of(type));
  }

  @Override
  public KTable<Long, D> build(StreamsBuilder builder, ChangeTables tables) {
    throw new UnsupportedOperationException("the sink tests write document topics directly");
  }
}
