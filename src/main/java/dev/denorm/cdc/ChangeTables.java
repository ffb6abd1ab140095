package dev.denorm.cdc;

import dev.denorm.config.TopologySettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;

/** Builds each captured table once, as a KTable of current rows keyed by primary key. (WIP) */
public final class ChangeTables {

  private final StreamsBuilder builder;
  private final TopologySettings settings;

  public ChangeTables(StreamsBuilder builder, TopologySettings settings) {
    this.builder = builder;
    this.settings = settings;
  }

  public <R extends SpecificRecord> KTable<Long, R> table(ChangeTable<R> table) {
    throw new UnsupportedOperationException("in progress");
  }
}
