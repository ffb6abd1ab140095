package dev.denorm.sink;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import dev.denorm.tools.bench.PrebuiltBulk;
import dev.denorm.document.CustomerDocument;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.ProductDocument;
import dev.denorm.sink.bulk.BulkBody;
import dev.denorm.sink.bulk.BulkListener;
import dev.denorm.sink.bulk.BulkWriter;
import dev.denorm.sink.bulk.BulkWriterConfig;
import dev.denorm.sink.bulk.ItemResult;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.DocumentConverter;
import dev.denorm.sink.engine.EngineIndexManager;
import dev.denorm.testing.ElasticsearchNode;
import dev.denorm.testing.EmbeddedOpenSearch;
import dev.denorm.testing.ReferenceDocuments;
import dev.denorm.testing.SearchEngineUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Documents/s of the bulk writer against a real engine, next to the engine's own ceiling: the same
 * documents as pre-built _bulk bodies sent with the same batch size and concurrency, no Kafka and
 * no conversion in between. Prints one line per (batch size, requests in flight).
 * Run: {@code mvn -q -B test-compile exec:exec@sink-benchmark} (OpenSearch, in-process), or
 * {@code mvn -q -B test-compile exec:exec@sink-benchmark -Dsink.benchmark.engine=elasticsearch}; add
 * {@code -Dsink.benchmark.grid=1000x2} to measure only the defaults.
 */
public final class SinkBenchmark {

  private static final int DOCUMENTS = Integer.getInteger("sink.benchmark.documents", 60_000);
  private static final int REPEATS = 3;
  /** (batch size)x(requests in flight) cells; -Dsink.benchmark.grid=1000x2 measures one. */
  private static final String GRID = "250x1,250x2,250x4,1000x1,1000x2,1000x4,4000x1,4000x2,4000x4";

  public static void main(String[] args) throws Exception {
    boolean elastic = "elasticsearch".equals(System.getProperty("sink.benchmark.engine"));
    try (SearchEngineUnderTest engine = elastic ? ElasticsearchNode.start() : EmbeddedOpenSearch.start();
         var client = RestClient.builder(HttpHost.create(engine.url())).build()) {
      var actions = referenceActions(DOCUMENTS);
      long bytes = actions.stream().mapToLong(BulkAction::sizeInBytes).sum();
      System.out.printf("engine: %s; %d reference documents (products, customers, orders; %d bytes); "
          + "%d cores; %s %s%n", engine.description(), DOCUMENTS, bytes, Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"), System.getProperty("java.version"));
      run(client, actions, 1000, 2, true); // warm-up, not printed
      System.out.printf("load average before: %.2f%n", ManagementFactory
          .getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.printf("%8s %9s %14s %14s %7s%n", "batch", "in-flight", "ceiling doc/s", "writer doc/s", "ratio");
      for (String cell : System.getProperty("sink.benchmark.grid", GRID).split(",")) {
        String[] batchAndInFlight = cell.trim().split("x");
        run(client, actions, Integer.parseInt(batchAndInFlight[0]), Integer.parseInt(batchAndInFlight[1]), false);
      }
      System.out.printf("load average after: %.2f%n", ManagementFactory
          .getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Ceiling and writer alternate {@value #REPEATS} times; the medians are printed (the machine is shared). */
  private static void run(RestClient client, List<BulkAction> actions, int batch, int inFlight, boolean warmUp)
      throws Exception {
    double[] ceiling = new double[REPEATS];
    double[] writer = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      ceiling[i] = ceiling(client, actions, batch, inFlight);
      writer[i] = writer(client, actions, batch, inFlight);
    }
    if (!warmUp) {
      double c = median(ceiling);
      double w = median(writer);
      System.out.printf("%8d %9d %14.0f %14.0f %7.2f%n", batch, inFlight, c, w, w / c);
    }
  }

  private static double median(double[] values) {
    var sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Pre-built bodies, sent with at most {@code inFlight} requests at once. */
  private static double ceiling(RestClient client, List<BulkAction> actions, int batch, int inFlight)
      throws Exception {
    recreateIndexes(client);
    var bodies = new ArrayList<byte[]>();
    for (int from = 0; from < actions.size(); from += batch) {
      bodies.add(BulkBody.of(actions.subList(from, Math.min(actions.size(), from + batch))));
    }
    long start = System.nanoTime();
    PrebuiltBulk.send(client, bodies, inFlight);
    long nanos = System.nanoTime() - start;
    return actions.size() / (nanos / 1e9);
  }

  /** The sink's writer: converted actions in, batching, backpressure and response parsing included. */
  private static double writer(RestClient client, List<BulkAction> actions, int batch, int inFlight)
      throws Exception {
    recreateIndexes(client);
    var written = new AtomicLong();
    BulkListener<Void> listener = new BulkListener<>() {
      @Override
      public void onWritten(BulkAction action, Void token, boolean stale) {
        written.incrementAndGet();
      }

      @Override
      public void onRejected(BulkAction action, Void token, ItemResult error) {
        throw new IllegalStateException("rejected " + action + ": " + error);
      }
    };
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    var config = new BulkWriterConfig(batch, 50L * 1024 * 1024, 100, inFlight, 100, 5_000);
    long start = System.nanoTime();
    try (var writer = new BulkWriter<>("benchmark", client, scheduler, config, listener)) {
      for (BulkAction action : actions) {
        writer.add(action, null);
      }
      writer.flush();
    } finally {
      scheduler.shutdownNow();
    }
    long nanos = System.nanoTime() - start;
    if (written.get() != actions.size()) {
      throw new IllegalStateException("wrote " + written.get() + " of " + actions.size());
    }
    return actions.size() / (nanos / 1e9);
  }

  private static void recreateIndexes(RestClient client) throws Exception {
    client.performRequest(new Request("DELETE", "/products-v1,customers-v1,orders-v1?ignore_unavailable=true"));
    var manager = new EngineIndexManager(client, 1, 0);
    manager.ensureIndex("products", ProductDocument.getClassSchema());
    manager.ensureIndex("customers", CustomerDocument.getClassSchema());
    manager.ensureIndex("orders", OrderDocument.getClassSchema());
  }

  /** A third each of products, customers and orders (1 to 5 lines), converted as the sink does. */
  static List<BulkAction> referenceActions(int count) {
    var products = new DocumentConverter("products", null);
    var customers = new DocumentConverter("customers", null);
    var orders = new DocumentConverter("orders", null);
    var actions = new ArrayList<BulkAction>(count);
    for (int i = 0; i < count; i++) {
      long id = i / 3 + 1;
      actions.add(switch (i % 3) {
        case 0 -> products.convert(Long.toString(id), i, ReferenceDocuments.product(id, "Product " + id, id + ".90"));
        case 1 -> customers.convert(Long.toString(id), i, ReferenceDocuments.customer(id));
        default -> orders.convert(Long.toString(id), i, ReferenceDocuments.order(id, 1 + (int) (id % 5)));
      });
    }
    return actions;
  }

}
