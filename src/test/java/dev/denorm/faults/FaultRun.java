package dev.denorm.faults;

import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.index.Indexes;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.Admin;
import java.util.concurrent.Callable;
import java.util.Arrays;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.net.URI;
import dev.denorm.verify.OracleQuery;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.tools.bench.AppProcess;
import dev.denorm.config.AppConfig;
import dev.denorm.tools.demo.ShopGenerator;
import dev.denorm.tools.stack.ConnectorConfig;
import dev.denorm.capture.ConnectorRegistration;
import dev.denorm.config.Endpoints;
import dev.denorm.tools.stack.ReferenceSchema;
import dev.denorm.capture.Topics;
import dev.denorm.testing.FreePorts;
import dev.denorm.testing.Sql;
import dev.denorm.testkit.TempDirs;
import dev.denorm.verify.IndexReport;
import dev.denorm.verify.SearchDocuments;
import dev.denorm.verify.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fault run: PostgreSQL, a Kafka broker, a Connect worker with Debezium and the search engine
 * each in a JVM of its own, and several denorm instances sharing one application.id; a steady
 * load is committed while faults are injected on a schedule; then, once the load stopped and the
 * group caught up, every document is compared with what the database implies (verify). Prints a
 * Markdown table and writes it to {@code out/faults.md}.
 */
public final class FaultRun {

  /** What to run: scale of the shop (1 = 1000 customers), seconds of faults, instances, guarantee. */
  public record Options(double scale, int seconds, int instances, String guarantee, int rate, int faultEverySeconds,
      int freezeSeconds, Path out, List<Fault> kinds, int killsBefore) {

    public Options {
      kinds = List.copyOf(kinds);
    }

    /** Every kind of fault. */
    public Options(double scale, int seconds, int instances, String guarantee, int rate, int faultEverySeconds,
        int freezeSeconds, Path out) {
      this(scale, seconds, instances, guarantee, rate, faultEverySeconds, freezeSeconds, out, List.of(Fault.values()), 2);
    }

    /** The same, with this many kills -9 of an instance before each other fault of the cycle. */
    public Options withKillsBefore(int kills) {
      return new Options(scale, seconds, instances, guarantee, rate, faultEverySeconds, freezeSeconds, out, kinds, kills);
    }

    /** The schedule: the cycle below, of the kinds asked for. */
    List<Fault> schedule() {
      var schedule = cycle(killsBefore).stream().filter(kinds::contains).toList();
      return schedule.isEmpty() ? List.copyOf(kinds) : schedule;
    }
  }

  /** What came out: the table's figures, and whether every index matched. */
  public record Result(Map<String, Object> figures, Map<String, Integer> faults, List<IndexReport> reports) {

    public boolean lostNothing() {
      return Verifier.allMatch(reports);
    }
  }

  public enum Fault { KILL_INSTANCE, FREEZE_ENGINE, KILL_INSTANCE_WITHOUT_STATE, RESTART_BROKER, KILL_CONNECT, POISON_EVENT,
    KILL_ENGINE, RESTART_POSTGRES, JOIN_AND_LEAVE, POISON_DOCUMENT }

  /** The schedule's cycle: kills -9 of an instance before each other fault (kills are the most frequent fault). */
  static List<Fault> cycle(int killsBefore) {
    var cycle = new ArrayList<Fault>();
    for (var fault : Fault.values()) {
      if (fault != Fault.KILL_INSTANCE) {
        for (int i = 0; i < killsBefore; i++) {
          cycle.add(Fault.KILL_INSTANCE);
        }
        cycle.add(fault);
      }
    }
    return List.copyOf(cycle);
  }

  private final Options options;
  private final PrintStream log;
  private final Path work = TempDirs.create("denorm-faults-");
  private final long began = System.nanoTime();
  private final List<PartProcess> parts = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();
  /** Every instance ever started, those that left included: their logs count too. */
  private final List<Instance> everStarted = new ArrayList<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Random random = new Random(7);
  private PartProcess postgres;
  private PartProcess kafka;
  private PartProcess connect;
  private PartProcess search;
  private Endpoints endpoints;
  private AppConfig config;
  private int nextInstance;
  /** Per engine freeze or kill: the group's lag when the engine answered again, the documents written until it caught up, their rate (docs/s). */
  private final List<double[]> drains = new ArrayList<>();
  private double backfillRate;
  private boolean stopped;

  /** A denorm instance: its process, state directory and log, started again as often as needed. */
  private final class Instance {
    final String name;
    final Path state;
    final Path log;
    AppProcess process;
    final List<Long> pids = new ArrayList<>();

    Instance(String name) {
      everStarted.add(this);
      this.name = name;
      this.state = work.resolve(name + "-state");
      this.log = options.out().resolve(name + ".log");
    }

    void start() throws IOException {
      process = AppProcess.start(endpoints, state, log, "384m", null, List.of(
          "processing.guarantee=" + options.guarantee(), "denorm.partitions=3", "denorm.http.port=-1",
          "num.stream.threads=1", "commit.interval.ms=1000", "num.standby.replicas=0"));
      pids.add(process.pid());
    }
  }

  public FaultRun(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Every process the run started (parts and instances, each start): all ended once {@link #run} returned. */
  public List<Long> startedPids() {
    var all = new ArrayList<Long>();
    parts.forEach(p -> all.addAll(p.pids()));
    everStarted.forEach(i -> all.addAll(i.pids));
    return all;
  }

  public Result run() throws Exception {
    var hook = new Thread(this::stopAll, "fault-run-stop");
    Runtime.getRuntime().addShutdownHook(hook); // a stopped run leaves no process behind
    try {
      Files.createDirectories(options.out());
      long started = System.nanoTime();
      startParts();
      prepare();
      for (int i = 0; i < options.instances(); i++) {
        var instance = new Instance("denorm-" + (++nextInstance));
        instance.start();
        instances.add(instance);
      }
      note("%d instances started (%s); waiting for the snapshot to be indexed", instances.size(), options.guarantee());
      backfillRate = backfill(Duration.ofMinutes(5));
      var reports = awaitMatch(Duration.ofMinutes(5));
      note("snapshot indexed (%.0f docs/s): %s", backfillRate, Verifier.allMatch(reports) ? "equal to the oracle"
          : "NOT equal");
      var figures = new LinkedHashMap<String, Object>();
      long committedBefore;
      long faultsEnded;
      try (var load = new FaultLoad(endpoints).start(options.rate())) {
        long end = System.nanoTime() + Duration.ofSeconds(options.seconds()).toNanos();
        int next = 0;
        // at least one whole cycle, so that every kind of fault is injected
        var schedule = options.schedule();
        while (System.nanoTime() < end || next < schedule.size()) {
          var fault = schedule.get(next++ % schedule.size());
          note("fault: %s", fault);
          inject(fault);
          counts.merge(fault.name().toLowerCase(Locale.ROOT).replace('_', ' '), 1, Integer::sum);
          pause(Duration.ofSeconds(options.faultEverySeconds()));
        }
        faultsEnded = System.nanoTime();
        load.close();
        committedBefore = load.committed();
        figures.put("changes committed", load.committed());
        figures.put("change rate", String.format(Locale.ROOT, "%d/s", options.rate()));
        figures.put("commits refused (PostgreSQL restarting)", load.failed());
      }
      note("faults over; waiting for the group to catch up");
      reports = awaitMatch(Duration.ofMinutes(10));
      figures.put("catch-up after the last fault", String.format(Locale.ROOT, "%.1f s",
          (System.nanoTime() - faultsEnded) / 1e9));
      int documents = reports.stream().mapToInt(IndexReport::expectedCount).sum();
      figures.put("documents compared", documents);
      figures.put("missing", reports.stream().mapToInt(r -> r.missing().size()).sum());
      figures.put("extra", reports.stream().mapToInt(r -> r.extra().size()).sum());
      figures.put("different", reports.stream().mapToInt(r -> r.different().size()).sum());
      figures.put("dead letters", deadLetters());
      figures.put("backfill (first to last document of the snapshot)", String.format(Locale.ROOT, "%.0f docs/s",
          backfillRate));
      for (var drain : drains) {
        figures.put("drain after the engine was frozen or down: " + (long) drain[0] + " records behind, "
            + (long) drain[1] + " documents written", String.format(Locale.ROOT, "%.0f docs/s (%.1fx the backfill)",
            drain[2], drain[2] / backfillRate));
      }
      for (var instance : everStarted) {
        figures.put("ERROR lines, " + instance.name, errorLines(instance.log));
      }
      for (var part : parts) {
        figures.put("ERROR lines, " + part.name(), errorLines(options.out().resolve(part.name() + ".log")));
      }
      figures.put("run time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
      var result = new Result(figures, counts, reports);
      write(result, committedBefore);
      return result;
    } finally {
      stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
  }

  private void startParts() throws Exception {
    // ports outside the ephemeral range: these parts are restarted on the same ports (FreePorts.kept)
    String pgPort = Integer.toString(FreePorts.kept());
    postgres = part("postgres", "256m", "postgres", work.resolve("postgres").toString(), pgPort);
    kafka = part("kafka", "512m", "kafka", work.resolve("kafka").toString(), Integer.toString(FreePorts.kept()),
        Integer.toString(FreePorts.kept()));
    search = part("search", "768m", "search", work.resolve("search").toString(), Integer.toString(FreePorts.kept()));
    for (var p : List.of(postgres, kafka, search)) {
      p.start();
    }
    connect = part("connect", "384m", "connect", "-", Integer.toString(FreePorts.kept()), kafka.endpoint()).start();
    endpoints = new Endpoints(postgres.endpoint(), "postgres", new Password("postgres"), kafka.endpoint(),
        connect.endpoint(), search.endpoint(), "");
    note("parts up: %s", endpoints.describe().replace('\n', ';'));
  }

  private PartProcess part(String name, String heap, String... args) {
    var part = new PartProcess(name, options.out().resolve(name + ".log"), heap, args);
    parts.add(part);
    return part;
  }

  private void prepare() throws Exception {
    config = AppConfig.from(Map.of("bootstrap.servers", endpoints.bootstrapServers(), "denorm.partitions", "3"));
    try (var c = endpoints.connect()) {
      ReferenceSchema.ensure(c);
      new ShopGenerator((int) Math.max(10, Math.round(1000 * options.scale())), 11).fill(c);
    }
    Topics.ensure(EmbeddedKafkaBroker.clients(endpoints.bootstrapServers()), Indexes.of(config).changeTopics(config.topology()), 1, true);
    Topics.ensure(EmbeddedKafkaBroker.clients(endpoints.bootstrapServers()), Indexes.of(config).names().stream()
        .map(config.topology()::documentTopic).toList(), 3, false);
    var connector = ConnectorConfig.forDatabase(endpoints.jdbcUrl(), endpoints.postgresUser(), "postgres",
        config.topology().sourceTopicPrefix());
    connector.put("table.include.list", ConnectorConfig.tableIncludeList(config.topology().sourceSchema(), Indexes.of(config)));
    new ConnectorRegistration(endpoints.connectUrl()).register(config.stack().connectorName(), connector,
        Duration.ofSeconds(120));
  }

  private void inject(Fault fault) throws Exception {
    switch (fault) {
      case KILL_INSTANCE, KILL_INSTANCE_WITHOUT_STATE -> {
        var victim = instances.get(random.nextInt(instances.size()));
        victim.process.kill();
        if (fault == Fault.KILL_INSTANCE_WITHOUT_STATE) {
          TempDirs.delete(victim.state); // it restores from the changelogs
        }
        victim.start();
      }
      case FREEZE_ENGINE -> {
        long lagBefore = groupLag();
        search.freeze();
        pause(Duration.ofSeconds(options.freezeSeconds()));
        search.thaw();
        measureDrain(lagBefore);
      }
      case KILL_ENGINE -> {
        long lagBefore = groupLag();
        search.kill();
        pause(Duration.ofSeconds(options.freezeSeconds())); // down as long as a freeze lasts
        search.start();
        measureDrain(lagBefore);
      }
      case RESTART_BROKER -> {
        kafka.stop();
        kafka.start();
      }
      case KILL_CONNECT -> {
        connect.kill();
        connect.start();
      }
      case RESTART_POSTGRES -> {
        postgres.stop();
        postgres.start();
      }
      case JOIN_AND_LEAVE -> {
        var joining = new Instance("denorm-" + (++nextInstance));
        joining.start();
        instances.add(joining);
        pause(Duration.ofSeconds(Math.max(5, options.faultEverySeconds() / 2)));
        var leaving = instances.remove(0);
        leaving.process.close(); // SIGTERM: flush, commit, leave the group
      }
      case POISON_EVENT -> {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", endpoints.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
          producer.send(new ProducerRecord<>(config.topology().changeTopic("orders"),
              "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "{not a change event".getBytes(StandardCharsets.UTF_8))).get();
        }
      }
      case POISON_DOCUMENT -> {
        // a keyword above Lucene's 32766-byte term limit: the engine rejects the address's documents;
        // putting the value back makes them right again
        long rejectedBefore = rejectedDocuments();
        try (var c = endpoints.connect()) {
          Sql.exec(c, "UPDATE shop.addresses SET postal_code = repeat('9', 40000) WHERE id = 1");
          // poisoned until its documents were rejected: restored sooner, the two changes could meet in
          // one emit interval (a rebalance holding the task) and the poisoned document never be written
          // the sink's own dead letters: a malformed event's, late behind a rebalance, must not count here
          pollUntil(Duration.ofSeconds(120), () -> rejectedDocuments() != rejectedBefore);
          Sql.exec(c, "UPDATE shop.addresses SET postal_code = '10115' WHERE id = 1");
        }
      }
      default -> throw new IllegalStateException(fault.name());
    }
  }

  /**
   * After the engine comes back and answers again: how fast the group catches up. While the engine
   * is away the sinks hold their stream threads, so the backlog piles up in every topic the group
   * reads (change, repartition and document topics), not only in the document topics. The drain
   * lasts until the group's lag over all of them is back to what it was before the fault; its rate is
   * the documents the sinks wrote meanwhile (their committed document-topic offsets) per second,
   * comparable with the backfill's documents per second. The load goes on meanwhile.
   */
  private void measureDrain(long lagBefore) throws Exception {
    awaitEngine(Duration.ofMinutes(2)); // the engine's own recovery is not the group's drain
    var documentTopics = Indexes.of(config).names().stream().map(config.topology()::documentTopic).toList();
    try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers",
        endpoints.bootstrapServers()))) {
      long written = committed(admin, documentTopics);
      long backlog = groupLag(admin);
      long start = System.nanoTime();
      long[] lag = {backlog};
      // caught up: back to the lag before the fault, or to a few seconds of the load's own changes (the lag
      // is read from committed offsets, so it never gets below a commit interval's worth)
      long caughtUp = Math.max(2 * lagBefore, 5L * options.rate());
      pollUntil(Duration.ofMinutes(5), () -> {
        lag[0] = groupLag(admin);
        return lag[0] <= caughtUp;
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      written = committed(admin, documentTopics) - written;
      note("drain: %d records behind when the engine answered (%d before the fault), %d documents written in %.1f s"
          + " until %d behind", backlog, lagBefore, written, seconds, lag[0]);
      if (written > 10L * options.rate()) {
        drains.add(new double[] {backlog, written, written / seconds});
      }
    }
  }

  /** Records the group has yet to read, over every topic it commits offsets for. */
  private static long groupLag(Admin admin) throws Exception {
    var topics = admin.listConsumerGroupOffsets("denorm").partitionsToOffsetAndMetadata().get().keySet().stream()
        .map(TopicPartition::topic).distinct().toList();
    return Topics.positions(admin, "denorm", topics).values().stream().filter(p -> p.committed() >= 0)
        .mapToLong(Topics.Position::lag).sum();
  }

  /** The sum of the group's committed offsets on these topics. */
  private static long committed(Admin admin, List<String> topics) throws Exception {
    return Topics.positions(admin, "denorm", topics).values().stream().filter(p -> p.committed() >= 0)
        .mapToLong(Topics.Position::committed).sum();
  }

  private long groupLag() throws Exception {
    try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers",
        endpoints.bootstrapServers()))) {
      return groupLag(admin);
    }
  }

  /** Until the engine answers a cluster health request again (resumed, or started and recovered). */
  private void awaitEngine(Duration bound) throws Exception {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var request = HttpRequest.newBuilder(URI.create(endpoints.searchUrl()
        + "/_cluster/health?wait_for_status=yellow&timeout=1s")).timeout(Duration.ofSeconds(5)).build();
    pollUntil(bound, () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  /**
   * The backfill's rate: documents per second from the first searchable document until the
   * engine counts as many as the oracle expects (counts read every 200 ms).
   */
  private double backfill(Duration bound) throws Exception {
    long expected;
    try (var c = endpoints.connect()) {
      expected = OracleQuery.expected(c, Indexes.of(config)).values().stream().mapToLong(Map::size).sum();
    }
    var http = HttpClient.newHttpClient();
    long[] first = {0};
    long[] counted = {0};
    pollUntil(bound, () -> {
      long count = 0;
      for (String index : Indexes.of(config).names()) {
        var response = http.send(HttpRequest.newBuilder(URI.create(endpoints.searchUrl() + "/"
            + index + "/_count")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          count += new ObjectMapper().readTree(response.body()).path("count").asLong();
        }
      }
      if (first[0] == 0 && count > 0) {
        first[0] = System.nanoTime();
      }
      counted[0] = count;
      return count >= expected;
    });
    return first[0] == 0 ? 0 : counted[0] / Math.max(0.2, (System.nanoTime() - first[0]) / 1e9);
  }

  /** Verifies every few seconds until every index equals the oracle or the bound passes; the last reports. */
  private List<IndexReport> awaitMatch(Duration bound) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    List<IndexReport> reports;
    do {
      try (var c = endpoints.connect(); var source = new SearchDocuments(endpoints.searchUrl())) {
        reports = Verifier.verify(c, source, Indexes.of(config));
      }
      if (Verifier.allMatch(reports)) {
        return reports;
      }
      pause(Duration.ofSeconds(3));
    } while (System.nanoTime() < deadline);
    return reports;
  }

  /** Dead letters of the sinks alone: documents the engine rejected. */
  private long rejectedDocuments() throws Exception {
    return Topics.endOffsets(EmbeddedKafkaBroker.clients(endpoints.bootstrapServers()), List.of(config.sink().deadLetterTopic()));
  }

  private long deadLetters() throws Exception {
    return Topics.endOffsets(EmbeddedKafkaBroker.clients(endpoints.bootstrapServers()),
        List.of(config.topology().deadLetterTopic(), config.sink().deadLetterTopic()));
  }

  private static long errorLines(Path log) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(" ERROR ")).count();
    }
  }

  private void write(Result result, long committed) throws IOException {
    var md = new StringBuilder("# denorm fault run\n\n");
    md.append(String.format(Locale.ROOT, "- %s, %d instances at the start, scale %s, at least %d s of faults (and one "
        + "whole cycle), %d s between two, the engine frozen %d s each time%n", options.guarantee(), options.instances(),
        options.scale(), options.seconds(), options.faultEverySeconds(), options.freezeSeconds()));
    md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
        .append(Files.readString(Path.of("/proc/loadavg")).strip()).append("\n\n");
    md.append("| figure | value |\n| --- | ---: |\n");
    result.faults().forEach((fault, n) -> md.append("| fault: ").append(fault).append(" | ").append(n).append(" |\n"));
    result.figures().forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    for (var report : result.reports()) {
      if (!report.matches()) {
        md.append("\n").append(report.describe(20)).append("\n");
      }
    }
    Files.writeString(options.out().resolve("faults.md"), md);
    log.print(md);
    log.flush();
  }

  private void note(String format, Object... args) {
    log.printf(Locale.ROOT, "[faults %6.1f s] %s%n", (System.nanoTime() - began) / 1e9, String.format(Locale.ROOT, format, args));
    log.flush();
  }

  /** The schedule's own pacing (faults are spaced in time, not awaited): Awaitility's poll delay. */
  private static void pause(Duration d) {
    Awaitility.await().pollDelay(d).atMost(d.plusSeconds(10)).until(() -> true);
  }

  /** Polls every 200 ms until {@code done} or the bound passes; a run goes on and reports what it found either way. */
  private static void pollUntil(Duration bound, Callable<Boolean> done) {
    try {
      Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(done);
    } catch (ConditionTimeoutException e) {
      // bounded: the figures say what was reached
    }
  }

  private synchronized void stopAll() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (var instance : instances) {
      try {
        if (instance.process != null) {
          instance.process.close();
        }
      } catch (Exception e) {
        note("stopping %s: %s", instance.name, e);
      }
    }
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        note("stopping %s: %s", parts.get(i).name(), e);
      }
    }
    TempDirs.delete(work);
  }

  /** {@code --scale S --seconds N --instances K --guarantee at_least_once|exactly_once_v2 --rate R --out DIR}. */
  public static void main(String[] args) throws Exception {
    var values = new LinkedHashMap<String, String>(Map.of("scale", "1", "seconds", "600", "instances", "3",
        "guarantee", "at_least_once", "rate", "50", "every", "10", "freeze", "60", "out", "target/faults"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    var options = new Options(Double.parseDouble(values.get("scale")), Integer.parseInt(values.get("seconds")),
        Integer.parseInt(values.get("instances")), values.get("guarantee"), Integer.parseInt(values.get("rate")),
        Integer.parseInt(values.get("every")), Integer.parseInt(values.get("freeze")), Path.of(values.get("out")),
        values.containsKey("faults") && !values.get("faults").equals("all") ? Arrays.stream(values.get("faults").split(","))
            .map(f -> Fault.valueOf(f.strip().toUpperCase(Locale.ROOT).replace('-', '_'))).toList() : List.of(Fault.values()),
        2);
    var result = new FaultRun(options, System.out).run();
    System.exit(result.lostNothing() ? 0 : 1);
  }
}
