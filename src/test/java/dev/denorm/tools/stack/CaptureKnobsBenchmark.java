package dev.denorm.tools.stack;

import dev.denorm.capture.ConnectorRegistration;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.index.Indexes;
import dev.denorm.testkit.TempDirs;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Rows/s of the Debezium snapshot into the change topics, nothing consuming, per connector setting.
 * Starts PostgreSQL, a broker and a Connect worker in-process, fills the shop with the
 * {@link ShopGenerator}, then per run registers the recommended connector (the JSON file) under a
 * fresh name, topic prefix, slot and publication, with one setting changed; times registration to
 * "every row is in the topics" (the sum of end offsets) and deletes the connector, its slot,
 * publication and topics. Settings are measured one at a time from the file's values, in rounds
 * (so machine noise spreads over all of them), then the combination of those that helped.
 * Run: {@code mvn -q -B test-compile exec:exec@capture-knobs}; {@code -Dcapture.knobs.customers=30000},
 * {@code -Dcapture.knobs.rounds=2}, {@code -Dcapture.knobs.only=baseline,...} to run some settings (add {@code combination} to combine those).
 */
public final class CaptureKnobsBenchmark {

  private static final int CUSTOMERS = Integer.getInteger("capture.knobs.customers", 30_000);
  private static final int ROUNDS = Integer.getInteger("capture.knobs.rounds", 2);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
  /** Settings that may add latency to every change beyond ~10 ms are measured but never combined. */
  private static final List<String> LATENCY_COSTLY = List.of("linger.ms=20");

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static int runs;

  public static void main(String[] args) throws Exception {
    var kafkaDir = TempDirs.create("denorm-capture-knobs-");
    try (var postgres = LocalPostgres.start(0, Optional.empty());
         var kafka = LocalKafka.start(0, 0, kafkaDir.resolve("kafka"));
         var connect = LocalConnect.start(kafka.bootstrapServers(), 0);
         var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      long rows = fill(postgres.jdbcUrl());
      System.out.printf("shop: %d customers, %d rows; %d cores; %s %s%n", CUSTOMERS, rows,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
      var bench = new Run(postgres.jdbcUrl(), connect.restUrl(), admin, rows);
      bench.measure(Map.of()); // warm-up: JIT, first topic creations; not printed
      var settings = singleKnobs();
      var only = System.getProperty("capture.knobs.only", "all").equals("all") ? null
          : System.getProperty("capture.knobs.only");
      boolean combine = only == null || List.of(only.split(",")).contains("combination");
      if (only != null) {
        settings.keySet().retainAll(List.of(only.split(",")));
      }
      System.out.printf("load average before: %.2f%n", load());
      var results = new LinkedHashMap<String, List<Double>>();
      for (int round = 0; round < ROUNDS; round++) {
        for (var setting : settings.entrySet()) {
          double rate = bench.measure(setting.getValue());
          results.computeIfAbsent(setting.getKey(), k -> new ArrayList<>()).add(rate);
          System.out.printf("  round %d %-40s %8.0f rows/s (load %.2f)%n", round + 1, setting.getKey(), rate, load());
        }
      }
      if (combine) {
        var combined = combination(settings, results);
        System.out.printf("combination: %s%n", combined);
        var rates = new ArrayList<Double>();
        for (int round = 0; round < ROUNDS; round++) {
          rates.add(bench.measure(combined));
          System.out.printf("  round %d %-40s %8.0f rows/s (load %.2f)%n", round + 1, "combination", rates.getLast(), load());
        }
        results.put("combination: " + combined.entrySet().stream().map(e -> e.getKey().replace("producer.override.", "")
            + "=" + e.getValue()).collect(Collectors.joining(", ")), rates);
      }
      System.out.printf("load average after: %.2f%n", load());
      double baseline = median(results.getOrDefault("baseline", List.of(Double.NaN)));
      System.out.printf("%n| setting | runs rows/s | median rows/s | vs baseline |%n| --- | ---: | ---: | ---: |%n");
      results.forEach((name, rates) -> System.out.printf("| %s | %s | %.0f | %.2f |%n", name,
          rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(" / ")), median(rates),
          median(rates) / baseline));
    } finally {
      TempDirs.delete(kafkaDir);
    }
  }

  /**
   * One change from the JSON file's values per entry (Debezium defaults: snapshot.max.threads 1,
   * snapshot.fetch.size 10240, max.batch.size 2048, max.queue.size 8192). Debezium requires
   * max.queue.size above max.batch.size, so the larger batch goes with the larger queue.
   */
  private static Map<String, Map<String, String>> singleKnobs() {
    var knobs = new LinkedHashMap<String, Map<String, String>>();
    knobs.put("baseline", Map.of());
    knobs.put("snapshot.max.threads=2", Map.of("snapshot.max.threads", "2"));
    knobs.put("snapshot.fetch.size=50000", Map.of("snapshot.fetch.size", "50000"));
    knobs.put("max.queue.size=32768", Map.of("max.queue.size", "32768"));
    knobs.put("max.batch.size=8192 (queue 32768)", Map.of("max.batch.size", "8192", "max.queue.size", "32768"));
    knobs.put("batch.size=262144", Map.of("producer.override.batch.size", "262144"));
    // the Connect worker's producer: Kafka 4 defaults are batch.size 16384, linger.ms 5, no compression
    knobs.put("linger.ms=0", Map.of("producer.override.linger.ms", "0"));
    knobs.put("linger.ms=20", Map.of("producer.override.linger.ms", "20"));
    knobs.put("compression.type=lz4", Map.of("producer.override.compression.type", "lz4"));
    return knobs;
  }

  /** Every setting whose median beat the baseline's by 5 % or more, except those costly in latency. */
  private static Map<String, String> combination(Map<String, Map<String, String>> settings,
      Map<String, List<Double>> results) {
    double baseline = median(results.get("baseline"));
    var combined = new HashMap<String, String>();
    settings.forEach((name, values) -> {
      if (!name.equals("baseline") && !LATENCY_COSTLY.contains(name) && median(results.get(name)) >= 1.05 * baseline) {
        values.forEach((k, v) -> combined.merge(k, v, (a, b) -> Long.parseLong(a) >= Long.parseLong(b) ? a : b));
      }
    });
    return combined;
  }

  private static long fill(String jdbcUrl) throws SQLException {
    try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      ReferenceSchema.ensure(connection);
      long start = System.nanoTime();
      int rows = new ShopGenerator(CUSTOMERS, 42).fill(connection);
      try (var st = connection.createStatement()) {
        st.execute("VACUUM ANALYZE");
      }
      System.out.printf("filled %d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
      return rows;
    }
  }

  /** One registration: fresh names, timed until all rows are in the topics, then deleted. */
  private record Run(String jdbcUrl, String connectUrl, Admin admin, long rows) {

    double measure(Map<String, String> overrides) throws Exception {
      int n = ++runs;
      String name = "knobs-" + n;
      String prefix = "k" + n;
      ObjectNode config = ConnectorConfig.forDatabase(jdbcUrl, "postgres", "", prefix);
      config.put("slot.name", "knobs_" + n);
      config.put("publication.name", "knobs_" + n);
      overrides.forEach(config::put);
      var topics = Indexes.shop().tables().stream().map(t -> prefix + ".shop." + t.name()).toList();
      long start = System.nanoTime();
      new ConnectorRegistration(connectUrl).register(name, config, Duration.ofSeconds(60));
      Awaitility.await(name + ": all " + rows + " rows in the change topics").atMost(RUN_TIMEOUT)
          .pollInterval(Duration.ofMillis(50)).until(() -> endOffsets(topics) >= rows);
      double seconds = (System.nanoTime() - start) / 1e9;
      delete(name, "knobs_" + n, topics);
      return rows / seconds;
    }

    private long endOffsets(List<String> topics) throws Exception {
      var existing = admin.listTopics().names().get();
      if (!existing.containsAll(topics)) {
        return 0;
      }
      var partitions = new HashMap<TopicPartition, OffsetSpec>();
      admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
          .forEach(p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      return admin.listOffsets(partitions).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private void delete(String name, String slot, List<String> topics) throws Exception {
      var response = HTTP.send(HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/" + name)).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("DELETE connector " + name + ": HTTP " + response.statusCode());
      }
      try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
        // the task lets go of the slot shortly after the DELETE; until then dropping it fails
        Awaitility.await("replication slot " + slot + " dropped").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100)).ignoreException(SQLException.class).until(() -> {
              try (var st = connection.createStatement()) {
                st.execute("SELECT pg_drop_replication_slot('" + slot + "') FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'");
                st.execute("DROP PUBLICATION IF EXISTS " + slot);
                return true;
              }
            });
      }
      admin.deleteTopics(topics).all().get();
    }
  }

  private static double median(List<Double> values) {
    var sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
