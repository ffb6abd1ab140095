package dev.denorm.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.config.TopologySettings;
import dev.denorm.example.library.AuthorCatalogIndex;
import dev.denorm.example.library.BookIndex;
import dev.denorm.example.library.LibrarySeed;
import dev.denorm.example.library.LoanIndex;
import dev.denorm.example.library.TagIndex;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.tools.stack.Stack;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.OracleQuery;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The second example schema in the bench: the library (src/test/java/dev/denorm/example/library/) at a scale,
 * its four indexes run by denorm as a child JVM ({@link AppProcess}) on the embedded stack. Measures the engine
 * ceiling ({@link EngineCeiling}, before the connector is registered), the backfill ({@link Backfill}: every
 * document searchable, docs/s), then a middle-level fan-out ({@link LibraryFanOut}: the country whose
 * publishers reach the most books is renamed), the app's resources, and last that every document equals the
 * oracle's. Expected counts and the fan-out's affected documents come from the indexes' oracle SQL, read
 * before the connector is registered.
 *
 * <p>Exits 1 when a figure failed or the fan-out wrote more than once per affected document (issue 27's
 * target). {@code mvn -q -B test-compile exec:exec@library-benchmark -Dlibrary.scale=200 -Dlibrary.out=DIR
 * -Dlibrary.jfr=true}. Options: {@code --scale N} (a whole number, default 200), {@code --out DIR} (default
 * target/library-bench), {@code --jfr} or {@code -Dlibrary.jfr=true} (the app recorded into DIR/app.jfr),
 * {@code --app-heap SIZE} (default 1g).
 */
public final class LibraryBenchmark {

  static final Map<String, String> INDEXES = orderedIndexes();
  private static final List<String> TABLES = List.of("countries", "publishers", "authors", "books", "editions", "members",
      "loans", "tags", "book_tags");

  private final int scale;
  private final Path out;
  private final boolean jfr;
  private final String appHeap;
  private final AppConfig config;
  private final Report report = new Report("denorm library bench");
  private final Map<String, Long> expected = new LinkedHashMap<>();
  /** Country name to the documents that show it, per index the rename reaches. */
  private final Map<String, Long> booksByCountry = new HashMap<>();
  private final Map<String, Long> authorsByCountry = new HashMap<>();
  private volatile long registered;
  private volatile AppProcess app;
  private volatile HeapSampler heap;
  private Path work;

  private LibraryBenchmark(int scale, Path out, boolean jfr, String appHeap) {
    this.scale = scale;
    this.out = out;
    this.jfr = jfr;
    this.appHeap = appHeap;
    this.config = AppConfig.from(Map.of(TopologySettings.SOURCE_SCHEMA, "library",
        TopologySettings.INDEXES, String.join(",", INDEXES.values()), "denorm.http.port", "0"));
  }

  public static void main(String[] args) throws Exception {
    int scale = 200;
    Path out = Path.of("target/library-bench");
    boolean jfr = Boolean.getBoolean("library.jfr");
    String heap = "1g";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--scale" -> scale = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--jfr" -> jfr = true;
        case "--app-heap" -> heap = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; known: --scale N, --out DIR, --jfr, --app-heap SIZE");
      }
    }
    System.exit(new LibraryBenchmark(scale, out, jfr, heap).run());
  }

  private int run() throws Exception {
    report.machine(Machine.cores() + ", " + Machine.memory() + ", " + Machine.jdk());
    report.machine("load average before: " + Machine.loadAverage());
    work = Files.createTempDirectory("denorm-library-bench-");
    var hook = new Thread(this::stopAll, "library-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Stack stack = null;
    try {
      Progress.line("library scale %d: starting the embedded stack", scale);
      stack = Stack.start(config, this::setup);
      measure(stack.endpoints());
    } catch (Exception e) {
      report.fail("library bench", "run", e.toString());
    } finally {
      Runtime.getRuntime().removeShutdownHook(hook);
      stopAll();
      if (stack != null) {
        stack.close();
      }
      BenchFiles.deleteTree(work);
      report.machine("load average after: " + Machine.loadAverage());
      report.write(out);
      System.out.print(report.markdown());
      Progress.line("report written to %s", out.toAbsolutePath());
    }
    boolean failed = report.figures().stream().anyMatch(f -> f.value() == null);
    boolean overTarget = report.value("fan-out", "writes per affected document").orElse(0.0) > 1.0;
    return failed || overTarget ? 1 : 0;
  }

  /** After the schema exists, before the connector is registered: the library, the oracle's counts, the app. */
  private void setup(Endpoints endpoints) throws Exception {
    long start = System.nanoTime();
    long rows = 0;
    try (var c = endpoints.connect(); var st = c.createStatement()) {
      LibrarySeed.fill(c, scale);
      // without statistics the oracle's correlated subqueries are planned as a scan per row: 33 s instead of 1 s
      // to read the oracle at scale 20
      st.execute("ANALYZE");
      for (var table : TABLES) {
        try (var rs = st.executeQuery("SELECT count(*) FROM library." + table)) {
          rs.next();
          rows += rs.getLong(1);
        }
      }
    }
    report.add("data", "library rows", rows, "rows", String.format(Locale.ROOT, "scale %d, in %.1f s", scale,
        (System.nanoTime() - start) / 1e9));
    start = System.nanoTime();
    try (var c = endpoints.connect()) {
      OracleQuery.forEach(c, Indexes.of(config), new Counting());
    }
    long documents = expected.values().stream().mapToLong(Long::longValue).sum();
    report.add("data", "documents", documents, "docs", expected + String.format(Locale.ROOT,
        ", the oracle's, read in %.1f s", (System.nanoTime() - start) / 1e9));
    engineCeiling(endpoints);
    // Stack.start registers the connector right after this: the clock starts here
    registered = System.nanoTime();
    app = AppProcess.start(endpoints, work.resolve("state"), out.resolve("app.log"), appHeap,
        jfr ? out.resolve("app.jfr") : null, List.of("denorm.http.port=0",
            TopologySettings.SOURCE_SCHEMA + "=library", TopologySettings.INDEXES + "=" + String.join(",", INDEXES.values())));
    heap = new HeapSampler(app.pid());
    Progress.line("app started as pid %d; the connector is registered next", app.pid());
  }

  private void measure(Endpoints endpoints) throws Exception {
    var names = config.topology();
    var documentTopics = new LinkedHashMap<String, String>();
    INDEXES.keySet().forEach(index -> documentTopics.put(index, names.documentTopic(index)));
    try (var search = new Search(endpoints.searchUrl(), config.sink()); var offsets = new Offsets(endpoints.bootstrapServers())) {
      long documents = expected.values().stream().mapToLong(Long::longValue).sum();
      var backfill = new Backfill(search, expected, report, offsets, Indexes.of(config).changeTopics(names),
          documentTopics.values());
      double docsPerSecond;
      try {
        docsPerSecond = backfill.measure(registered, Duration.ofSeconds(60 + documents / 250), app);
      } finally {
        Files.writeString(out.resolve("backfill-timeline.csv"), backfill.timeline());
      }
      var ceiling = report.value("engine ceiling", "docs/s");
      if (docsPerSecond > 0 && ceiling.isPresent()) {
        report.add("backfill", "ratio to the engine ceiling", docsPerSecond / ceiling.get(), "", "overall docs/s / that");
      }
      report.add("resources", "app CPU during the backfill", app.cpuSeconds(), "s", "user + system");
      search.engineTimes(expected.keySet()).forEach((name, value) -> report.add("backfill", "engine " + name, value,
          name.endsWith(" ms") ? "ms" : "", "on the primaries of the four indexes"));
      new Settle(search, app).await(report, "fan-out", "settle before the change", Duration.ofSeconds(90));
      String country = booksByCountry.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      double cpu = app.cpuSeconds();
      new LibraryFanOut(endpoints, search, offsets, report).run(country,
          LibraryFanOut.reaches(booksByCountry, authorsByCountry, country, documentTopics), Duration.ofSeconds(120));
      report.add("resources", "app CPU during the fan-out", app.cpuSeconds() - cpu, "s", "user + system, the change"
          + " to its documents quiet for 2 s");
      resources();
      verify(endpoints);
    }
  }

  /** As the bench's: the oracle's documents into the engine alone, before the backfill (which it warms the engine for). */
  private void engineCeiling(Endpoints endpoints) {
    try (var search = new Search(endpoints.searchUrl(), config.sink()); var c = endpoints.connect()) {
      long[] count = new long[1];
      double docs = new EngineCeiling(search, config.sink()).run(c, Indexes.of(config), count);
      report.add("engine ceiling", "docs/s", docs, "docs/s", count[0] + " documents (the oracle's), _bulk 1000 x 2 in flight");
    } catch (Exception e) {
      report.fail("engine ceiling", "docs/s", e.toString());
    }
  }

  /** The app's CPU, peak RSS and peak heap over the run. */
  private void resources() throws Exception {
    report.add("resources", "app CPU", app.cpuSeconds(), "s", "user + system, whole run");
    report.add("resources", "app peak RSS", app.peakRssMb(), "MiB", "VmHWM, -Xmx" + appHeap);
    if (heap.peakMb() >= 0) {
      report.add("resources", "app peak heap used", heap.peakMb(), "MiB", "jstat -gc every second");
    }
  }

  /** Last: every document of the four indexes equals the oracle's, the fan-out's included. */
  private void verify(Endpoints endpoints) throws Exception {
    long start = System.nanoTime();
    List<IndexReport> reports;
    try (var c = endpoints.connect(); var source = new SearchDocuments(endpoints.searchUrl())) {
      reports = Verifier.verify(c, source, Indexes.of(config));
    }
    long equal = reports.stream().mapToLong(r -> r.expectedCount() - r.missing().size() - r.different().size()).sum();
    String note = String.format(Locale.ROOT, "verify in %.1f s", (System.nanoTime() - start) / 1e9);
    if (Verifier.allMatch(reports)) {
      report.add("check", "documents equal to the oracle", equal, "docs", note);
    } else {
      var differing = new ArrayList<String>();
      reports.stream().filter(r -> !r.matches()).forEach(r -> differing.add(r.index() + ": " + r.missing().size()
          + " missing, " + r.extra().size() + " extra, " + r.different().size() + " different"));
      report.fail("check", "documents equal to the oracle", note + "; " + String.join("; ", differing));
    }
  }

  private synchronized void stopAll() {
    try {
      if (heap != null) {
        heap.close();
        heap = null;
      }
      if (app != null) {
        app.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Each index's documents, and per country the books and authors documents that show it. */
  private final class Counting implements OracleQuery.Visitor {
    private String index;

    @Override
    public void index(DocumentIndex<?> index) {
      this.index = index.name();
      expected.put(this.index, 0L);
    }

    @Override
    public void document(String id, JsonNode document) {
      expected.merge(index, 1L, Long::sum);
      switch (index) {
        case "library-books" -> count(booksByCountry, names -> document.path("editions")
            .forEach(e -> names.accept(e.path("publisher").path("country").asText(""))));
        case "library-authors" -> count(authorsByCountry, names -> document.path("books")
            .forEach(b -> b.path("editions").forEach(e -> names.accept(
                e.path("publisher").path("country").path("name").asText("")))));
        default -> { }
      }
    }

    private static void count(Map<String, Long> byCountry, Consumer<Consumer<String>> names) {
      Set<String> shown = new HashSet<>();
      names.accept(name -> {
        if (!name.isEmpty()) {
          shown.add(name);
        }
      });
      shown.forEach(name -> byCountry.merge(name, 1L, Long::sum));
    }

    @Override
    public void end(DocumentIndex<?> index) { }
  }

  /** Index name to class, in the order the figures are reported. */
  private static Map<String, String> orderedIndexes() {
    var indexes = new LinkedHashMap<String, String>();
    indexes.put("library-authors", AuthorCatalogIndex.class.getName());
    indexes.put("library-books", BookIndex.class.getName());
    indexes.put("library-loans", LoanIndex.class.getName());
    indexes.put("library-tags", TagIndex.class.getName());
    return indexes;
  }
}
