package dev.denorm.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import dev.denorm.cdc.ChangeTables;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.assembly.AssemblyTopology;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.position.Positions;
import dev.denorm.serde.BoundedBytes;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.sink.SinkTopology;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The one place that composes the application's topology: the change tables, each index's
 * documents, their document topics, and the sink that writes them to the search engine. Tests build exactly this topology without a broker.
 *
 * <pre>
 * per table  ChangeTables: the table's changes as (before, after) rows, once however many indexes read it
 * per index  AssemblyTopology: routes every relation's changes to the partition of the documents they
 *            affect, assembles changed documents there, writes &lt;document.topic.prefix&gt;&lt;index&gt;
 * per index  SinkTopology: the document topic to the search engine
 * </pre>
 */
public final class DenormTopology {

  private DenormTopology() {}

  /** The documents part: change topics in, document topics out. */
  public static StreamsBuilder documents(AppConfig config, Indexes indexes) {
    return documents(config, indexes, Positions.none());
  }

  /** As above, with position marks when {@code positions} are sampled (read-your-writes). */
  public static StreamsBuilder documents(AppConfig config, Indexes indexes, Positions positions) {
    var settings = config.topology();
    // The builder needs the config to enforce explicit names of stores and internal topics.
    var builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
    var tables = new ChangeTables(builder, settings, indexes.readers(), positions);
    var values = BoundedBytes.serde(config.streamsProperties());
    for (DocumentIndex<?> index : indexes.all()) {
      AssemblyTopology.addTo(builder, tables, settings,
          config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG), index, values, positions);
    }
    return builder;
  }

  /** The documents part only: what TopologyTestDriver tests of the indexes run. */
  public static Topology build(AppConfig config, Indexes indexes) {
    return documents(config, indexes).build(config.streamsProperties());
  }

  /**
   * The whole application: documents, plus the sink sub-topologies that write the document topics
   * to the search engine. The engine is asked for only when a sink task starts.
   */
  public static Topology build(AppConfig config, Indexes indexes, Supplier<EngineSession> engine) {
    return build(config, indexes, engine, new SimpleMeterRegistry());
  }

  /** As above, the sink's freshness timers in {@code meters}. */
  public static Topology build(AppConfig config, Indexes indexes, Supplier<EngineSession> engine,
      MeterRegistry meters) {
    return build(config, indexes, engine, meters, Positions.none());
  }

  /** As above, each stage's position kept in {@code positions}: what the read-your-writes barrier waits on. */
  public static Topology build(AppConfig config, Indexes indexes, Supplier<EngineSession> engine,
      MeterRegistry meters, Positions positions) {
    var builder = documents(config, indexes, positions);
    SinkTopology.addTo(builder, config.topology(), config.sink(), indexes.all(), engine, meters, positions);
    return builder.build(config.streamsProperties());
  }

}
