package dev.denorm.app;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.types.Password;

/**
 * {@code status [--url URL]}: fetches an instance's {@code /status} and prints it as a table.
 * Exit 0 when every index is fresh, 1 when one is behind, 2 when the instance cannot be asked
 * (one line, never a stack trace). Sends the configured {@code denorm.http.token}, if any, for
 * instances whose /status requires it.
 */
final class StatusCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private final String base;
  private final Optional<Password> token;
  private final PrintStream out;
  private final PrintStream err;

  StatusCommand(String url, Optional<Password> token, PrintStream out, PrintStream err) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
    this.out = out;
    this.err = err;
  }

  /** The instance on this machine at the configured port, unless --url names another. */
  static String defaultUrl(int port) {
    if (port <= 0) {
      throw new CommandLine.UsageException("denorm.http.port is " + port + " (no fixed port): give the instance's "
          + "address with --url http://host:port");
    }
    return "http://127.0.0.1:" + port;
  }

  @Override
  public Integer call() {
    String url = base + "/status";
    JsonNode status;
    try {
      var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET();
      token.ifPresent(t -> request.header(BearerToken.AUTHORIZATION, new BearerToken(t).authorization()));
      var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401) {
        err.println("denorm status: " + url + " requires the instance's token (HTTP 401); "
            + (token.isPresent() ? "the token configured here is not that instance's" : "set denorm.http.token.file")
            + " (denorm.http.token.routes lists status)");
        return 2;
      }
      if (response.statusCode() != 200) {
        err.println("denorm status: " + url + " answered HTTP " + response.statusCode() + "; is it a denorm instance?");
        return 2;
      }
      status = JSON.readTree(response.body());
      if (!status.has("indexes")) {
        err.println("denorm status: " + url + " did not answer a denorm status; is it a denorm instance?");
        return 2;
      }
    } catch (IllegalArgumentException e) {
      err.println("denorm status: not a URL: " + base + " (" + e.getMessage() + ")");
      return 2;
    } catch (IOException e) {
      err.println("denorm status: no answer from " + url + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the instance running, with "
          + "denorm.http.port at that port?");
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    print(status);
    return status.path("fresh").asBoolean() ? 0 : 1;
  }

  private void print(JsonNode s) {
    boolean fresh = s.path("fresh").asBoolean();
    out.printf("denorm %s at %s, as of %s: %s%n", s.path("applicationId").asText(), base,
        TIME.format(Instant.ofEpochMilli(s.path("at").asLong())), fresh ? "every index is fresh" : "BEHIND");
    if (!s.path("problem").isNull() && !s.path("problem").asText().isEmpty()) {
      out.println("  " + s.path("problem").asText());
    }
    out.printf("%-14s %-22s %10s %9s %9s %9s %8s %12s%n", "index", "verdict", "documents", "p50", "p99", "writes/s",
        "retries", "dead letters");
    for (JsonNode i : s.path("indexes")) {
      var f = i.path("freshness");
      out.printf(Locale.ROOT, "%-14s %-22s %10d %9s %9s %9.1f %8d %12d%n", i.path("name").asText(),
          i.path("verdict").asText(), i.path("documents").asLong(), seconds(f.path("p50Seconds").asDouble()),
          seconds(f.path("p99Seconds").asDouble()), i.path("writesPerSecond").asDouble(), i.path("retries").asLong(),
          i.path("deadLetters").path("count").asLong());
    }
    for (JsonNode i : s.path("indexes")) {
      if (!i.path("reason").isNull()) {
        out.println("  " + i.path("name").asText() + ": " + i.path("reason").asText());
      }
      var error = i.path("deadLetters").path("lastError");
      if (!error.isNull() && !error.isMissingNode()) {
        out.println("  " + i.path("name").asText() + ", last dead letter: " + error.asText());
      }
    }
    out.printf("freshness: from a change's hand-off to Kafka to the engine's acknowledgement, over the last %d s%n",
        s.path("windowMs").asLong() / 1000);
    var instance = s.path("instance");
    int active = 0;
    int standby = 0;
    for (JsonNode t : instance.path("threads")) {
      active += t.path("active").size();
      standby += t.path("standby").size();
    }
    var restoring = instance.path("restoring");
    out.printf("instance:  %s, %d threads, %d active and %d standby tasks%s%n", instance.path("state").asText(),
        instance.path("threads").size(), active, standby, restoring.path("stores").asInt() == 0 ? ""
            : ", restoring " + restoring.path("stores").asInt() + " stores (" + restoring.path("restored").asLong()
                + " of " + restoring.path("total").asLong() + " records)");
    var capture = s.path("capture");
    out.println("connector: " + (capture.path("connector").isTextual() ? capture.path("connector").asText()
        : "not watched by this instance"));
    if (capture.path("committedLsn").isTextual()) {
      out.println("committed: " + capture.path("committedLsn").asText() + " (the connector's position /wait starts from)");
    }
    var wal = capture.path("wal");
    if (wal.isObject()) {
      out.println("WAL:       " + wal.path("slot").asText() + (wal.path("found").asBoolean()
          ? " retains " + size(wal.path("retainedBytes").asLong()) + " (limit " + size(wal.path("limitBytes").asLong()) + ")"
          : ": " + wal.path("error").asText()));
    } else {
      out.println("WAL:       not watched by this instance");
    }
    int lagging = 0;
    for (JsonNode l : s.path("lag")) {
      if (l.path("lag").asLong() > 0) {
        lagging++;
        out.printf("lag:       %-13s %s-%d: %d records, oldest waiting up to %s%n", l.path("stage").asText(),
            l.path("topic").asText(), l.path("partition").asInt(), l.path("lag").asLong(),
            seconds(l.path("behindMs").asLong() / 1000.0));
      }
    }
    if (lagging == 0) {
      out.println("lag:       none (" + s.path("lag").size() + " partitions)");
    }
  }

  private static String seconds(double s) {
    return s < 0 ? "-" : String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.0f s", s);
  }

  private static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return bytes < 1L << 30 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024))
        : String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
