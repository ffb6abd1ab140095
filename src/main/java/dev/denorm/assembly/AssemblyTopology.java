package dev.denorm.assembly;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Relation;
import dev.denorm.position.Positions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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
 * per relation  &lt;index&gt;-&lt;relation&gt;-route   the table's (before, after) rows as routed records (Routes)
 *               &lt;index&gt;-&lt;relation&gt;-tag     the relation's number in front of the key (RelationTags)
 * per index     &lt;index&gt;-routes              the one routing topic of every relation: owned rows to the
 *                                             document's partition, shared rows (lookups, their children)
 *                                             to every partition (RoutePartitioner.byRelation)
 * children of   &lt;index&gt;-&lt;relation&gt;-by-parent  repartition by the parent's key, merged with
 *  children     &lt;index&gt;-&lt;relation&gt;-owners     the parent rows' documents (parent key -&gt; document key),
 *               &lt;index&gt;-&lt;relation&gt;-resolve    into a ParentResolver, which keys each row by its document;
 *               &lt;index&gt;-&lt;relation&gt;          its output's own routing topic, tagged the same way
 * repair        &lt;index&gt;-repair-source     &lt;application.id&gt;-&lt;index&gt;-repair: verify --repair's
 *                                             requests to re-emit documents (RepairTopic)
 * merge         &lt;index&gt;-routed
 * process       &lt;index&gt;-assemble             AssemblyProcessor, stores: see AssemblyStores
 * output        &lt;index&gt;-documents            &lt;document.topic.prefix&gt;&lt;index&gt;, key = document id (String),
 *                                             value = document (Avro single-object bytes), null = delete;
 *                                             position marks (key NUL "position/" partition) to every partition
 * </pre>
 * Why one task per partition holds every row of its documents (lookups copied to each): a change
 * crosses one topic on its way to the document, not one per join, and a document is re-assembled
 * from local reads only.
 */
public final class AssemblyTopology {

  /** The name of an index's routing repartition: {@code <application.id>-<index>-routes-repartition}. */
  static final String ROUTES = "routes";

  private AssemblyTopology() {}

  /**
   * @param values the serde of the routing and document values: {@link dev.denorm.serde.BoundedBytes},
   *     so that one too large for the producer fails before it is sent, and is set aside
   */
  public static <D extends SpecificRecord> void addTo(StreamsBuilder builder, ChangeTables tables,
      TopologySettings settings, String applicationId, DocumentIndex<D> index, Serde<byte[]> values) {
    addTo(builder, tables, settings, applicationId, index, values, Positions.none());
  }

  /** As above, the assembling tasks' positions reported to {@code positions}. */
  public static <D extends SpecificRecord> void addTo(StreamsBuilder builder, ChangeTables tables,
      TopologySettings settings, String applicationId, DocumentIndex<D> index, Serde<byte[]> values,
      Positions positions) {
    var stores = AssemblyStores.builders(index);
    stores.forEach(builder::addStateStore);
    var plan = index.plan();
    int documentColumns = plan.root().table().keyColumns().size();
    // each relation's rows keyed by their store key, on their way to the document's partition
    Map<Relation<?>, KStream<byte[], byte[]>> toDocuments = new IdentityHashMap<>();
    var relations = treeOrder(plan);
    if (relations.size() > RelationTags.MAX) {
      throw new IllegalArgumentException("index " + index.name() + " has " + relations.size() + " relations; at most "
          + RelationTags.MAX + " are supported");
    }
    int[] columnsByTag = new int[relations.size()];
    KStream<byte[], byte[]> routed = null;
    var resolved = new LinkedHashMap<String, KStream<byte[], byte[]>>();
    for (int tag = 0; tag < relations.size(); tag++) {
      Relation<?> relation = relations.get(tag);
      String name = index.name() + "-" + relation.name();
      var referencing = new TreeSet<String>();
      plan.lookupsFrom(relation).forEach(lookup -> referencing.addAll(lookup.foreignKey()));
      var rows = route(tables, relation, referencing, name);
      if (Layout.resolved(relation)) {
        rows = resolve(builder, settings, index, (Children<?, ?>) relation, rows, toDocuments, documentColumns, values);
      }
      toDocuments.put(relation, rows);
      // owned rows go to their document's partition, shared rows (lookups, their children) to every one
      columnsByTag[tag] = DocumentPlan.isOwned(relation) ? documentColumns : 0;
      int relationTag = tag;
      var tagged = rows.map((key, value) -> KeyValue.pair(RelationTags.tagged(relationTag, key), value),
          Named.as(name + "-tag"));
      if (Layout.resolved(relation)) {
        // rows that come out of a resolver's task: their own routing topic (one merge before the
        // repartition would join the resolver's sub-topology with the tables' one)
        resolved.put(relation.name(),
            tagged.repartition(repartitioned(name, settings, values, RoutePartitioner.byRelation(columnsByTag))));
      } else {
        routed = routed == null ? tagged : routed.merge(tagged, Named.as(index.name() + "-routed-" + relation.name()));
      }
    }
    routed = routed.repartition(repartitioned(index.name() + "-" + ROUTES, settings, values,
        RoutePartitioner.byRelation(columnsByTag)));
    for (var rows : resolved.entrySet()) {
      routed = routed.merge(rows.getValue(), Named.as(index.name() + "-routed-" + rows.getKey()));
    }
    // not routed: the requester puts each request in the partition of the document's rows already
    routed = routed.merge(builder.stream(RepairTopic.name(applicationId, index.name()),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(index.name() + "-repair-source")),
        Named.as(index.name() + "-routed-repair"));
    routed.process(() -> new AssemblyProcessor<>(index, settings.emitInterval(),
            new SnapshotHold(settings.snapshotHold(), settings.snapshotHoldMax()), positions, settings.partitions(),
            settings.transactionHold()),
            Named.as(index.name() + "-assemble"),
            stores.stream().map(StoreBuilder::name).toArray(String[]::new))
        .to(settings.documentTopic(index.name()),
            Produced.with(Serdes.String(), values).withStreamPartitioner(new DocumentPartitioner())
                .withName(index.name() + "-documents"));
  }

  private static <R extends SpecificRecord> KStream<byte[], byte[]> route(ChangeTables tables, Relation<R> relation,
      Set<String> referencing, String name) {
    return tables.updates(relation.table()).flatMap(Routes.of(relation, referencing), Named.as(name + "-route"));
  }

  /**
   * Children of owned children: routed by their parent's key to a {@link ParentResolver}, with the
   * owner of each parent row (from the parent's rows on their way to the documents); out come the
   * rows keyed by their document.
   */
  private static KStream<byte[], byte[]> resolve(StreamsBuilder builder, TopologySettings settings, DocumentIndex<?> index,
      Children<?, ?> children, KStream<byte[], byte[]> rows, Map<Relation<?>, KStream<byte[], byte[]>> toDocuments,
      int documentColumns, Serde<byte[]> values) {
    String name = index.name() + "-" + children.name();
    int parentColumns = children.parent().table().keyColumns().size();
    var byParent = rows.repartition(repartitioned(name + "-by-parent", settings, values,
        RoutePartitioner.byLeading(parentColumns)));
    var owners = toDocuments.get(children.parent())
        .filter((key, value) -> !Keys.isSnapshotEnd(key), Named.as(name + "-parent-rows"))
        .map((key, value) -> ParentResolver.ownerOf(key, value, documentColumns, parentColumns), Named.as(name + "-owner-of"))
        .repartition(repartitioned(name + "-owners", settings, Serdes.ByteArray(), RoutePartitioner.byLeading(parentColumns)));
    var stores = AssemblyStores.resolverBuilders(index, children);
    stores.forEach(builder::addStateStore);
    return byParent.merge(owners, Named.as(name + "-by-parent-and-owners"))
        .process(() -> new ParentResolver(index, children, name + "-owners", settings.partitions()), Named.as(name + "-resolve"),
            stores.stream().map(StoreBuilder::name).toArray(String[]::new));
  }

  private static Repartitioned<byte[], byte[]> repartitioned(String name, TopologySettings settings, Serde<byte[]> values,
      RoutePartitioner partitioner) {
    var repartitioned = Repartitioned.<byte[], byte[]>as(name)
        .withKeySerde(Serdes.ByteArray())
        .withValueSerde(values)
        .withStreamPartitioner(partitioner);
    return settings.partitions() > 0 ? repartitioned.withNumberOfPartitions(settings.partitions()) : repartitioned;
  }

  /** The relations, each after the one it hangs from. */
  static List<Relation<?>> treeOrder(DocumentPlan plan) {
    var order = new ArrayList<Relation<?>>();
    var next = new ArrayDeque<Relation<?>>();
    next.add(plan.root());
    while (!next.isEmpty()) {
      Relation<?> relation = next.poll();
      order.add(relation);
      next.addAll(plan.childrenOf(relation));
      next.addAll(plan.lookupsFrom(relation));
    }
    return order;
  }

  /**
   * The index's routing topics, as Kafka Streams names a named repartition: the one of every
   * relation's rows, and one per relation whose rows come out of a resolver.
   */
  static List<String> routingTopics(String applicationId, DocumentIndex<?> index) {
    var topics = new ArrayList<String>();
    topics.add(repartitionTopic(applicationId, index.name() + "-" + ROUTES));
    for (Relation<?> relation : treeOrder(index.plan())) {
      if (Layout.resolved(relation)) {
        topics.add(repartitionTopic(applicationId, index.name() + "-" + relation.name()));
      }
    }
    return topics;
  }

  private static String repartitionTopic(String applicationId, String name) {
    return applicationId + "-" + name + "-repartition";
  }

  /**
   * The internal topics Kafka Streams creates with the routing partition count for this index: its
   * routing topics and the changelogs of the stores its assembling and resolving tasks keep. One
   * that exists with another count holds rows stored under another {@code denorm.partitions}.
   */
  public static List<String> routedTopics(String applicationId, DocumentIndex<?> index) {
    var stores = new ArrayList<StoreBuilder<?>>(AssemblyStores.builders(index));
    var topics = new ArrayList<String>(routingTopics(applicationId, index));
    for (Relation<?> relation : treeOrder(index.plan())) {
      if (Layout.resolved(relation)) {
        String name = index.name() + "-" + relation.name();
        topics.add(repartitionTopic(applicationId, name + "-by-parent"));
        topics.add(repartitionTopic(applicationId, name + "-owners"));
        stores.addAll(AssemblyStores.resolverBuilders(index, (Children<?, ?>) relation));
      }
    }
    stores.stream().filter(StoreBuilder::loggingEnabled)
        .forEach(store -> topics.add(applicationId + "-" + store.name() + "-changelog"));
    return topics;
  }
}
