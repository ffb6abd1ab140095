package dev.denorm.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line: {@code [--config FILE] [--set KEY=VALUE]... COMMAND [OPTIONS]}.
 * Command options are shorthands for keys: {@code demo --customers N} sets denorm.demo.customers,
 * {@code --avro} sets denorm.source.format=avro.
 */
record CommandLine(String command, Optional<Path> configFile, Map<String, String> sets, List<String> options,
    boolean help) {

  static final List<String> COMMANDS = List.of("run", "demo", "verify", "bench", "status", "resnapshot", "wait");

  static CommandLine parse(String... args) {
    String command = null;
    Path file = null;
    var sets = new LinkedHashMap<String, String>();
    var options = new ArrayList<String>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h", "help" -> help = true;
        case "--config" -> file = Path.of(value(args, ++i, arg));
        case "--set" -> {
          String kv = value(args, ++i, arg);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new UsageException("--set needs KEY=VALUE, got: " + kv);
          }
          sets.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        case "--customers" -> sets.put("denorm.demo.customers", value(args, ++i, arg));
        case "--avro" -> sets.put("denorm.source.format", "avro");
        case "--source" -> options.add("source=" + value(args, ++i, arg));
        case "--scale" -> options.add("scale=" + value(args, ++i, arg));
        case "--out" -> options.add("out=" + value(args, ++i, arg));
        case "--app-heap" -> options.add("app-heap=" + value(args, ++i, arg));
        case "--app-set" -> options.add("app-set=" + value(args, ++i, arg));
        case "--app-jvm" -> options.add("app-jvm=" + value(args, ++i, arg));
        case "--connector-set" -> options.add("connector-set=" + value(args, ++i, arg));
        case "--url" -> options.add("url=" + value(args, ++i, arg));
        case "--quick" -> options.add("quick=true");
        case "--repair" -> options.add("repair=true");
        case "--jfr" -> options.add("jfr=true");
        case "--backfill-only" -> options.add("backfill-only=true");
        case "--instances" -> options.add("instances=" + value(args, ++i, arg));
        case "--where" -> options.add("where=" + value(args, ++i, arg));
        case "--index" -> options.add("index=" + value(args, ++i, arg));
        case "--no-wait" -> options.add("no-wait=true");
        case "--keep-deleted" -> options.add("keep-deleted=true");
        case "--lsn" -> options.add("lsn=" + value(args, ++i, arg));
        case "--timeout" -> options.add("timeout=" + value(args, ++i, arg));
        default -> {
          if (command == null && COMMANDS.contains(arg)) {
            command = arg;
          } else if ("resnapshot".equals(command) && !arg.startsWith("-") && options.stream().noneMatch(o -> o.startsWith("table="))) {
            options.add("table=" + arg);
          } else {
            throw new UsageException("unknown argument: " + arg);
          }
        }
      }
    }
    if (command == null && !help) {
      throw new UsageException("no command given");
    }
    return new CommandLine(command, Optional.ofNullable(file), sets, options, help);
  }

  /** Every value of an option that may be repeated. */
  List<String> options(String name) {
    return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).toList();
  }

  Optional<String> option(String name) {
    return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  /** A command line that cannot be understood. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE = """
      denorm: keeps Elasticsearch/OpenSearch indexes in sync with PostgreSQL (Debezium + Kafka Streams).

      Usage: denorm [--config FILE] [--set KEY=VALUE]... COMMAND [OPTIONS]

      Commands:
        run                 Keep the indexes in sync. Every part without an external endpoint
                            (PostgreSQL, Kafka, Kafka Connect, search engine) is started embedded;
                            the lean jar (-app.jar) has no embedded stack and needs every endpoint.
        demo [--customers N] [--avro]
                            (full jar, -all.jar, only)
                            Embedded stack + a generated shop of N customers (default 1000):
                            shows the snapshot being indexed, then keeps running; Ctrl-C stops.
                            --avro: change events in Avro through the stack's schema registry
                            (denorm.source.format=avro; also for run).
        verify [--source search|topics] [--repair]
                            Compare every index with its SQL (the index class's <Class>.sql) on the
                            source database; print missing, extra and different ids; exit 1 on
                            any difference. 'topics' reads the document topics instead.
                            --repair: have the running pipeline re-emit the differing documents
                            (needs its bootstrap.servers and application.id), wait until they
                            are written, compare again; exit 0 if all match then.
        wait --index INDEX --lsn LSN [--timeout 5s] [--url URL]
                            Wait until every change committed in PostgreSQL up to LSN (what
                            SELECT pg_current_wal_insert_lsn() returns after your commit) is
                            searchable in INDEX, asking a running instance's /wait (default
                            http://127.0.0.1:<denorm.http.port>). Exit 0 searchable, 1 timed out
                            (the answer names the stage behind), 2 no answer or a bad request.
        status [--url URL]  Ask a running instance (default http://127.0.0.1:<denorm.http.port>)
                            whether each index is fresh, and if not which stage is behind; print
                            its /status as a table. Exit 0 fresh, 1 behind, 2 no answer.
        resnapshot TABLE [--where CONDITION] [--timeout 1800s] [--url URL] [--no-wait]
                   [--keep-deleted]
                            Have Debezium read TABLE again (an incremental snapshot) while it
                            streams, to bring rows the stream missed into the documents. First
                            deletes the rows denorm holds that TABLE no longer has (a tombstone
                            each in its change topic; --keep-deleted skips that). Then creates
                            the signal table <schema>.denorm_signal if missing, names it (and a
                            notification topic) in the connector's config, waits until the
                            publication carries it, and signals. CONDITION (SQL) limits the rows
                            read. Then waits until Debezium says the re-read ended and its rows
                            are searchable in every index that reads TABLE (asking an instance's
                            /wait, default http://127.0.0.1:<denorm.http.port>); --no-wait returns
                            once signalled. Exit 0 done, 1 not within the timeout, 2 no answer.
                            Needs denorm.stack.postgres.url, denorm.stack.connect.url and, to
                            wait, bootstrap.servers.
        bench [--scale S] [--out DIR] [--jfr] [--app-heap SIZE] [--app-set KEY=VALUE]... [--quick]
                            [--app-jvm OPTION]... [--connector-set KEY=VALUE]... [--backfill-only]
                            [--instances N]
                            (full jar, -all.jar, only)
                            Benchmark on the embedded stack: a generated shop of scale S (default
                            10: 235 000 rows), the capture and engine ceilings, the backfill, the
                            freshness of updates idle and under load, the highest sustainable
                            change rate, writes per change, fan-out and the application's CPU and
                            memory (it runs as a child JVM, heap SIZE, default 1g; --jfr records it).
                            Writes a Markdown table and a CSV to DIR (default target/bench).
                            --app-set: a setting for the application only (to measure a knob).
                            --app-jvm OPTION: a JVM option for the application (repeatable).
                            --connector-set: a setting of the connector the stack registers.
                            --quick: short phases, for the test. --backfill-only: stop after the
                            backfill and the engine ceiling (to compare designs or knobs quickly).
                            --instances N: N application JVMs of one application.id share the
                            tasks (default 1); the report shows each one's tasks and resources.

      Options:
        --config FILE       A properties file: denorm.* keys and Kafka Streams keys.
        --set KEY=VALUE     Set one key (overrides the file and the environment).
        --help              This text.

      Environment: DENORM_<KEY> sets denorm.<key> (DENORM_STACK_DATA_DIR -> denorm.stack.data.dir);
      DENORM_STREAMS_<KEY> sets a Kafka Streams key (DENORM_STREAMS_BOOTSTRAP_SERVERS ->
      bootstrap.servers). In names, _ is '.', __ is '_', ___ is '-'. A name ending in _FILE sets the
      key to the content of that file (DENORM_SINK_PASSWORD_FILE=/run/secrets/es -> denorm.sink.password).
      Exit codes: 0 ok, 1 verify found differences, status found an index behind, or the application
      failed, 2 bad usage or configuration, or (status) no answer.
      """;
}
