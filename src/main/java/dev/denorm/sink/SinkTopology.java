package dev.denorm.sink;

import org.apache.avro.specific.SpecificRecord;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.position.Positions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Adds the search-engine sink: per index, one sub-topology.
 * <pre>
 * input   documents.&lt;index&gt;   key: document id (String)  value: AvroSerde bytes of the document, null = delete
 * source  sink-&lt;index&gt;-source
 * process sink-&lt;index&gt;              store: sink-&lt;index&gt;-commit-check (holds nothing, not logged)
 *         forwards a tick (key: String, the processor's own; value: Long offset) on the first record after a flush
 * process sink-&lt;index&gt;-commit-tick  store: sink-&lt;index&gt;-commit-tick (cached, not logged; keeps nothing under the cache)
 * output  the search index (alias &lt;index&gt;); rejected documents to the sink's dead-letter topic
 * </pre>
 * Why a tick: Kafka Streams flushes its record cache before it commits a task's offsets, so the
 * tick leaving the cache is the sink's public "before commit" hook ({@link FlushBeforeCommitHook}).
 * The check store is on the first node so that it is committed before the tick store (whose own
 * commit flushes its cache again and would hide a missed flush).
 * The engine supplier is called when a task starts, so the topology can be built and described
 * without one. Call {@link EngineSession#prepare} before starting Kafka Streams to create the indexes.
 */
public final class SinkTopology {

  private SinkTopology() {}

  public static void addTo(StreamsBuilder builder, TopologySettings topology, SinkSettings sink,
      List<? extends DocumentIndex<?>> indexes, Supplier<EngineSession> engine) {
    addTo(builder, topology, sink, indexes, engine, new SimpleMeterRegistry());
  }

  /** As above, with each index's freshness timer ({@value #FRESHNESS}, tag index) in {@code meters}. */
  public static void addTo(StreamsBuilder builder, TopologySettings topology, SinkSettings sink,
      List<? extends DocumentIndex<?>> indexes, Supplier<EngineSession> engine, MeterRegistry meters) {
    addTo(builder, topology, sink, indexes, engine, meters, Positions.none());
  }

  /** As above, each sink task's acknowledged position kept in {@code positions}. */
  public static void addTo(StreamsBuilder builder, TopologySettings topology, SinkSettings sink,
      List<? extends DocumentIndex<?>> indexes, Supplier<EngineSession> engine, MeterRegistry meters,
      Positions positions) {
    for (DocumentIndex<?> index : indexes) {
      addIndex(builder, topology, sink, index, engine, freshness(meters, index.name()), positions);
    }
  }

  /** The store of an index's sink tasks (it holds nothing): where the group says the sink of an index runs. */
  public static String checkStore(String index) {
    return "sink-" + index + "-commit-check";
  }

  /** The freshness histogram's name: {@code denorm_freshness_seconds} in Prometheus. */
  public static final String FRESHNESS = "denorm.freshness";

  private static Timer freshness(MeterRegistry meters, String index) {
    return Timer.builder(FRESHNESS)
        .description("from a change's hand-off to Kafka by Connect to the engine acknowledging the document write "
            + "it caused (the engine's refresh, up to refresh_interval more, is not included)")
        .tag("index", index)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(meters);
  }

  private static <D extends SpecificRecord> void addIndex(StreamsBuilder builder,
      TopologySettings topology, SinkSettings sink, DocumentIndex<D> index, Supplier<EngineSession> engine,
      Timer freshness, Positions positions) {
    String name = index.name();
    String checkStore = checkStore(name);
    String tickStore = "sink-" + name + "-commit-tick";
    String pipeline = sink.pipeline(name).orElse(null);
    var hook = new FlushBeforeCommitHook(name);
    ProcessorSupplier<String, byte[], String, Long> sinkSupplier = new ProcessorSupplier<>() {
      @Override
      public Processor<String, byte[], String, Long> get() {
        return new SinkProcessor<>(name, hook, checkStore, index.documentSerde(), pipeline, sink.deadLetterTopic(),
            engine, freshness, positions);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(CommitCheck.builder(checkStore));
      }
    };
    ProcessorSupplier<String, Long, Void, Void> tickSupplier = new ProcessorSupplier<>() {
      @Override
      public Processor<String, Long, Void, Void> get() {
        return new CommitTick(tickStore);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(CommitTick.storeBuilder(tickStore, hook));
      }
    };
    builder.stream(topology.documentTopic(name),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("sink-" + name + "-source"))
        .process(sinkSupplier, Named.as("sink-" + name))
        .process(tickSupplier, Named.as("sink-" + name + "-commit-tick"));
  }
}
