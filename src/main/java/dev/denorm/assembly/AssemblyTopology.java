package dev.denorm.assembly;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Lookup;
import dev.denorm.index.Relation;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds one index from its plan: per relation, a route from the table's changes to the
 * partitions of the documents they affect, and one assembling sub-topology that keeps the rows
 * and emits the documents.
 *
 * <pre>
 * per relation  &lt;index&gt;-&lt;relation&gt;-route   the table's (before, after) rows as routed records
 *               &lt;index&gt;-&lt;relation&gt;          repartition topic: root and children to the document's
 *                                             partition, lookups to every partition
 * repair        &lt;index&gt;-repair-source     &lt;application.id&gt;-&lt;index&gt;-repair: verify --repair's
 *                                             requests to re-emit documents (RepairTopic)
 * merge         &lt;index&gt;-routed
 * process       &lt;index&gt;-assemble             AssemblyProcessor, stores: see AssemblyStores
 * output        &lt;index&gt;-documents            &lt;document.topic.prefix&gt;&lt;index&gt;, key = document id (String),
 *                                             value = document (Avro single-object bytes), null = delete
 * </pre>
 * Why one task per partition holds every row of its documents (lookups copied to each): a change
 * crosses one topic on its way to the document, not one per join, and a document is re-assembled
 * from local reads only.
 */
public final class AssemblyTopology {

  private AssemblyTopology() {}

  /**
   * @param values the serde of the routing and document values: {@link dev.denorm.serde.BoundedBytes},
   *     so that one too large for the producer fails before it is sent, and is set aside
   */
  public static <D extends SpecificRecord> void addTo(StreamsBuilder builder, ChangeTables tables,
      TopologySettings settings, String applicationId, DocumentIndex<D> index, Serde<byte[]> values) {
    var stores = AssemblyStores.builders(index);
    stores.forEach(builder::addStateStore);
    KStream<byte[], byte[]> routed = null;
    for (Relation<?> relation : index.plan().relations()) {
      var stream = route(tables, settings, index, relation, values);
      routed = routed == null ? stream : routed.merge(stream, Named.as(index.name() + "-routed-" + relation.name()));
    }
    // not routed: the requester puts each request in the partition of the document's rows already
    routed = routed.merge(builder.stream(RepairTopic.name(applicationId, index.name()),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(index.name() + "-repair-source")),
        Named.as(index.name() + "-routed-repair"));
    routed.process(() -> new AssemblyProcessor<>(index, settings.emitInterval(),
            new SnapshotHold(settings.snapshotHold(), settings.snapshotHoldMax())), Named.as(index.name() + "-assemble"),
            stores.stream().map(StoreBuilder::name).toArray(String[]::new))
        .to(settings.documentTopic(index.name()),
            Produced.with(Serdes.String(), values).withName(index.name() + "-documents"));
  }

  /** The routing topic's name as Kafka Streams derives it for a named repartition. */
  static String routingTopic(String applicationId, DocumentIndex<?> index, Relation<?> relation) {
    return applicationId + "-" + index.name() + "-" + relation.name() + "-repartition";
  }

  private static <R extends SpecificRecord> KStream<byte[], byte[]> route(ChangeTables tables, TopologySettings settings,
      DocumentIndex<?> index, Relation<R> relation, Serde<byte[]> values) {
    String name = index.name() + "-" + relation.name();
    var repartitioned = Repartitioned.<byte[], byte[]>as(name)
        .withKeySerde(Serdes.ByteArray())
        .withValueSerde(values)
        .withStreamPartitioner(relation instanceof Lookup<?, ?> ? RoutePartitioner.everyPartition() : RoutePartitioner.byDocument());
    if (settings.partitions() > 0) {
      repartitioned = repartitioned.withNumberOfPartitions(settings.partitions());
    }
    return tables.updates(relation.table())
        .flatMap(Routes.of(relation), Named.as(name + "-route"))
        .repartition(repartitioned);
  }
}
