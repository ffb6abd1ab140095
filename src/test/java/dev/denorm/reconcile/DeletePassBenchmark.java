package dev.denorm.reconcile;

import dev.denorm.cdc.RowKey;
import dev.denorm.cdc.RowKeyDecoder;
import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.testing.Sql;
import dev.denorm.tools.stack.TestParts;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The delete pass of {@code resnapshot} on a large table: a change topic of ROWS keys (Debezium's
 * JSON keys, 4 partitions, every tenth row updated once) and a table that lost GONE of them, on an
 * embedded broker and PostgreSQL. Prints the pass's time, the peak heap and the tombstones written.
 * {@code mvn -q -B test-compile exec:exec@delete-pass-benchmark -Drows=1000000 -Dgone=1000}.
 */
public final class DeletePassBenchmark {

  private DeletePassBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int gone = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    var config = AppConfig.from(Map.of());
    var settings = config.topology();
    var table = Indexes.of(config).tables().stream().filter(t -> t.name().equals("products")).findFirst().orElseThrow();
    String topic = settings.changeTopic("products");
    String[] url = new String[1];
    try (var kafka = EmbeddedKafkaBroker.start(); var postgres = TestParts.postgres(u -> url[0] = u);
        var database = DriverManager.getConnection(url[0], "postgres", "postgres")) {
      kafka.createTopics(4, topic);
      long fill = System.nanoTime();
      try (var producer = kafka.clients().producer("delete-pass-bench", Map.of(ProducerConfig.LINGER_MS_CONFIG, 20,
          ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
        byte[] value = "{\"op\":\"r\"}".getBytes(StandardCharsets.UTF_8);
        for (int id = 1; id <= rows; id++) {
          producer.send(new ProducerRecord<>(topic, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8), value));
        }
        for (int id = 1; id <= rows; id += 10) {
          producer.send(new ProducerRecord<>(topic, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8), value));
        }
      }
      Sql.exec(database, "CREATE SCHEMA " + settings.sourceSchema());
      Sql.exec(database, "CREATE TABLE " + settings.sourceSchema() + ".products (id bigint PRIMARY KEY)");
      Sql.exec(database, "INSERT INTO " + settings.sourceSchema() + ".products SELECT generate_series(1, " + rows + ")");
      Sql.exec(database, "DELETE FROM " + settings.sourceSchema() + ".products WHERE id % " + Math.max(1, rows / gone) + " = 0");
      System.out.printf(Locale.ROOT, "filled in %.1f s: %,d rows, %,d change records%n", (System.nanoTime() - fill) / 1e9,
          rows, rows + (rows + 9) / 10);

      // the keys' memory: the heap after a collection, with and without the keys held
      var memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      long read = System.nanoTime();
      var live = new ChangeTopic(kafka.clients(), topic).liveKeys(new PrintStream(OutputStream.nullOutputStream()));
      double readSeconds = (System.nanoTime() - read) / 1e9;
      System.gc();
      long held = memory.getHeapMemoryUsage().getUsed() - before;
      System.out.printf(Locale.ROOT, "keys read in %.1f s: %,d held, %,d bytes of heap each%n", readSeconds, live.size(),
          held / Math.max(1, live.size()));
      // the table's side alone: every held key asked, and one batch's plan
      var keys = new ArrayList<RowKey>();
      var decoder = RowKeyDecoder.of(settings, table);
      live.keys().forEach(k -> keys.add(decoder.decode(k.key())));
      live = null;
      keys.sort(null); // as the pass asks them
      var source = SourceRows.of(database, settings.sourceSchema(), "products", table.keyColumns());
      long ask = System.nanoTime();
      int absent = source.absent(keys).size();
      System.out.printf(Locale.ROOT, "the table asked for %,d keys in %.1f s: %,d absent%n", keys.size(),
          (System.nanoTime() - ask) / 1e9, absent);
      try (var explain = database.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + source.absentQuery())) {
        explain.setArray(1, database.createArrayOf("text",
            keys.subList(0, SourceRows.BATCH).stream().map(k -> SourceRows.text(k.values().get(0))).toArray(String[]::new)));
        try (var plan = explain.executeQuery()) {
          while (plan.next()) {
            System.out.println("  " + plan.getString(1));
          }
        }
      }
      keys.clear();

      long start = System.nanoTime();
      var result = DeletePass.run(kafka.clients(), settings, table, database, new PrintStream(OutputStream.nullOutputStream()));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "| %,d rows held | %,d deleted | %,d read again | %.1f s | %,.0f rows/s |%n",
          result.held(), result.deleted().size(), result.back().size(), seconds, result.held() / seconds);
    }
  }
}
