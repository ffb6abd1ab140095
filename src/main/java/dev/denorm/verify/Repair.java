package dev.denorm.verify;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Indexes;

import dev.denorm.config.KafkaClients;
import dev.denorm.config.Secrets;
import java.util.concurrent.Future;
import dev.denorm.assembly.RepairTopic;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code verify --repair}: asks the running pipeline to re-emit every document a comparison found
 * missing, extra or different, through each index's repair topic ({@link RepairTopic}), then waits
 * until each was written to its document topic and the sink committed past it (the sink commits
 * only what the engine acknowledged). A re-emitted document is the pipeline's current one (a
 * tombstone if it holds no such document), and its record comes after every earlier record of the
 * document, so the sink writes it with a higher version than any of theirs.
 */
public final class Repair {

  private static final Duration SHOW_EVERY = Duration.ofSeconds(5);
  private final KafkaClients kafka;
  private final String applicationId;
  private final Function<String, String> documentTopic;
  private final Indexes indexes;
  private final PrintStream out;

  /**
   * @param documentTopic index name -> its document topic
   * @param indexes the indexes, whose root tables say what their document ids are
   */
  public Repair(KafkaClients kafka, String applicationId, Function<String, String> documentTopic, Indexes indexes,
      PrintStream out) {
    this.kafka = kafka;
    this.applicationId = applicationId;
    this.documentTopic = documentTopic;
    this.indexes = indexes;
    this.out = out;
  }

  /**
   * What a repair did: how many documents it asked for; the ids it could not ask for (not a number,
   * so no document of the pipeline) and those not re-emitted in time, as index/id; whether the
   * sink committed past every re-emitted one in time.
   */
  public record Outcome(int requested, Set<String> unroutable, Set<String> notReEmitted, boolean sinkCommitted) {}

  /** Requests the differing documents of every report and waits at most {@code timeout} for them. */
  public Outcome repair(List<IndexReport> reports, Duration timeout) throws IOException {
    var wanted = new HashMap<String, Set<String>>();
    var unroutable = new TreeSet<String>();
    for (var report : reports) {
      var ids = new TreeSet<String>();
      ids.addAll(report.missing());
      ids.addAll(report.extra());
      ids.addAll(report.different().keySet());
      for (String id : ids) {
        if (documentKey(report.index(), id) != null) {
          wanted.computeIfAbsent(report.index(), i -> new HashSet<>()).add(id);
        } else {
          unroutable.add(report.index() + "/" + id);
        }
      }
    }
    if (wanted.isEmpty()) {
      return new Outcome(0, unroutable, Set.of(), true);
    }
    try (var admin = kafka.admin("repair");
        var consumer = kafka.consumer("repair", Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = requireTopics(admin, wanted.keySet());
      var documents = new ArrayList<TopicPartition>();
      wanted.keySet().forEach(index -> documents.addAll(partitions.get(documentTopic.apply(index))));
      consumer.assign(documents);
      var from = consumer.endOffsets(documents);
      from.forEach(consumer::seek);
      int requested = request(wanted, partitions);
      out.printf("Repair: asked the pipeline to re-emit %,d documents; waiting for the sink to write them%n", requested);
      long deadline = System.nanoTime() + timeout.toNanos();
      var written = awaitReEmitted(consumer, wanted, deadline);
      boolean committed = awaitCommitted(admin, written, deadline);
      var notReEmitted = new TreeSet<String>();
      wanted.forEach((index, ids) -> ids.forEach(id -> notReEmitted.add(index + "/" + id)));
      return new Outcome(requested, unroutable, notReEmitted, committed);
    } catch (ExecutionException e) {
      throw new IOException("cannot repair through Kafka at " + kafka.bootstrapServers() + " ("
          + Secrets.summary(e.getCause()) + ")", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while repairing", e);
    }
  }

  /**
   * The root key a document id names (RowKey#text); null for an id that is no key of the index's
   * root table, which can only have come from elsewhere.
   */
  private RowKey documentKey(String index, String id) {
    try {
      return indexes.named(index).plan().root().table().parseKey(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Topic -> its partitions, for the repair and document topics of the indexes; both must exist. */
  private Map<String, List<TopicPartition>> requireTopics(Admin admin, Set<String> indexes)
      throws ExecutionException, InterruptedException, IOException {
    var names = new ArrayList<String>();
    for (String index : indexes) {
      names.add(RepairTopic.name(applicationId, index));
      names.add(documentTopic.apply(index));
    }
    var existing = admin.listTopics().names().get();
    var absent = names.stream().filter(n -> !existing.contains(n)).toList();
    if (!absent.isEmpty()) {
      throw new IOException("no topic " + String.join(", ", absent) + " on " + kafka.bootstrapServers() + ": repair goes through"
          + " the running pipeline; check that denorm runs there with application.id=" + applicationId);
    }
    var partitions = new HashMap<String, List<TopicPartition>>();
    admin.describeTopics(names).allTopicNames().get().forEach((name, d) -> partitions.put(name,
        d.partitions().stream().map(p -> new TopicPartition(name, p.partition())).toList()));
    return partitions;
  }

  private int request(Map<String, Set<String>> wanted, Map<String, List<TopicPartition>> partitions)
      throws ExecutionException, InterruptedException {
    int requested = 0;
    try (var producer = kafka.producer("repair", Map.of(ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      var sends = new ArrayList<Future<?>>();
      for (var entry : wanted.entrySet()) {
        String topic = RepairTopic.name(applicationId, entry.getKey());
        int count = partitions.get(topic).size();
        for (String id : entry.getValue()) {
          RowKey document = documentKey(entry.getKey(), id);
          sends.add(producer.send(new ProducerRecord<>(topic, RepairTopic.partition(document, count),
              RepairTopic.key(document), new byte[0])));
          requested++;
        }
      }
      for (var send : sends) {
        send.get();
      }
    }
    return requested;
  }

  /**
   * Reads the document topics from where they ended before the requests until every requested id
   * has a record; removes those from {@code wanted}. Returns, per partition, the offset after the
   * last of them.
   */
  private Map<TopicPartition, Long> awaitReEmitted(KafkaConsumer<String, byte[]> consumer,
      Map<String, Set<String>> wanted, long deadline) {
    var byTopic = new HashMap<String, Set<String>>();
    wanted.forEach((index, ids) -> byTopic.put(documentTopic.apply(index), ids));
    var after = new HashMap<TopicPartition, Long>();
    long shown = System.nanoTime();
    while (byTopic.values().stream().anyMatch(ids -> !ids.isEmpty()) && System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        if (byTopic.get(record.topic()).remove(record.key())) {
          after.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
      }
      if (System.nanoTime() - shown > SHOW_EVERY.toNanos()) {
        shown = System.nanoTime();
        out.printf("  repair: %,d documents not yet re-emitted%n", byTopic.values().stream().mapToInt(Set::size).sum());
      }
    }
    return after;
  }

  /** Waits until the application's group committed past the re-emitted records (the sink wrote them). */
  private boolean awaitCommitted(Admin admin, Map<TopicPartition, Long> written, long deadline)
      throws ExecutionException, InterruptedException {
    long shown = System.nanoTime();
    while (true) {
      var committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
      boolean done = written.entrySet().stream().allMatch(w -> committed.get(w.getKey()) != null
          && committed.get(w.getKey()).offset() >= w.getValue());
      if (done || System.nanoTime() > deadline) {
        return done;
      }
      if (System.nanoTime() - shown > SHOW_EVERY.toNanos()) {
        shown = System.nanoTime();
        out.println("  repair: waiting for the sink to write the re-emitted documents");
      }
      Thread.sleep(200); // the polling interval of a bounded wait
    }
  }
}
