package dev.denorm.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The app as {@code --instances N} child JVMs of one application.id, started together: each with a
 * state directory, a log ({@code app.log}, or {@code app-<i>.log} when N > 1), a JFR file and a
 * heap sampler of its own, and any free HTTP port (read from its log). Their CPU is summed, and
 * they are alive while every one is.
 */
final class AppInstances implements AppCpu, AutoCloseable {

  /** The line the app logs once its HTTP endpoint (/status) is bound: the port is the number before ": ". */
  private static final Pattern HTTP_LINE = Pattern.compile("HTTP endpoint at http://.*:(\\d+): ");

  /**
   * One instance: its number (from 1), process, heap sampler, log and the offset in it where this
   * start's lines begin (the log is appended to), and its state directory.
   */
  record Instance(int number, AppProcess process, HeapSampler heap, Path log, long logStart, Path stateDir) {

    String label() {
      return "instance " + number;
    }

    /** Its HTTP port, once it logged it. */
    OptionalInt httpPort() throws IOException {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(logStart, all.length);
      return AppInstances.httpPort(new String(all, from, all.length - from, StandardCharsets.UTF_8));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Instance> instances;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AppInstances(List<Instance> instances) {
    this.instances = List.copyOf(instances);
  }

  static AppInstances start(Endpoints endpoints, Path work, BenchOptions options) throws IOException {
    int n = options.instances();
    var started = new ArrayList<Instance>();
    try {
      for (int i = 1; i <= n; i++) {
        String suffix = n == 1 ? "" : "-" + i;
        Path log = options.out().resolve("app" + suffix + ".log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Path state = work.resolve("state" + suffix);
        var process = AppProcess.start(endpoints, state, log,
            options.jfr() ? options.out().resolve("app" + suffix + ".jfr") : null, options);
        started.add(new Instance(i, process, new HeapSampler(process.pid()), log, logStart, state));
      }
    } catch (IOException | RuntimeException e) {
      try {
        new AppInstances(started).close();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    return new AppInstances(started);
  }

  /**
   * Waits until every instance's Kafka Streams is RUNNING (its {@code /status}), polling once a
   * second up to {@code bound}; throws saying which instance is in which state.
   */
  void awaitRunning(Duration bound) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    for (var instance : instances) {
      while (true) {
        String state;
        try {
          state = status(instance).path("instance").path("state").asText();
        } catch (IllegalStateException | IOException notYet) {
          state = notYet.toString(); // e.g. a refused connection, whose message may be null
        }
        if (state.equals("RUNNING")) {
          break;
        }
        if (!instance.process().alive()) {
          throw new IllegalStateException(instance.label() + " exited before it ran; see " + instance.log());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(instance.label() + " not RUNNING after " + bound.toSeconds() + " s: " + state);
        }
        Thread.sleep(200); // the poll interval of a bounded wait
      }
    }
  }

  /** An instance's {@code GET /status}, once it logged its HTTP port. */
  JsonNode status(Instance instance) throws IOException, InterruptedException {
    var port = instance.httpPort();
    if (port.isEmpty()) {
      throw new IllegalStateException(instance.label() + " has not logged its HTTP port in " + instance.log());
    }
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + "/status"))
        .timeout(Duration.ofSeconds(10)).GET().build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(instance.label() + "'s /status answered HTTP " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  /** The port in the app's "HTTP endpoint at" line, if the text has one. */
  static OptionalInt httpPort(String logText) {
    var m = HTTP_LINE.matcher(logText);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  List<Instance> all() {
    return instances;
  }

  int size() {
    return instances.size();
  }

  @Override
  public double cpuSeconds() throws IOException {
    double sum = 0;
    for (var instance : instances) {
      sum += instance.process().cpuSeconds();
    }
    return sum;
  }

  @Override
  public boolean alive() {
    return instances.stream().allMatch(i -> i.process().alive());
  }

  @Override
  public String summed(String figure) {
    return summed(figure, instances.size());
  }

  /** The name of a figure that is the largest instance's: as given for one, saying so for several. */
  String largest(String figure) {
    return largest(figure, instances.size());
  }

  static String summed(String figure, int instances) {
    return instances == 1 ? figure : figure + ", " + instances + " instances summed";
  }

  static String largest(String figure, int instances) {
    return instances == 1 ? figure : figure + ", largest of " + instances + " instances";
  }

  String pids() {
    return String.join(", ", instances.stream().map(i -> Long.toString(i.process().pid())).toList());
  }

  /** Each instance's heap sampler, then the instances together (SIGTERM, bounded): none takes over another's tasks. */
  @Override
  public void close() throws InterruptedException {
    for (var instance : instances) {
      instance.heap().close();
    }
    var closing = instances.stream().map(i -> Thread.ofPlatform().name("bench-stop-" + i.number()).start(() -> {
      try {
        i.process().close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    })).toList();
    for (var thread : closing) {
      thread.join();
    }
  }
}
