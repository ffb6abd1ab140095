package dev.denorm.capture;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.HttpAccess;
import dev.denorm.config.StackSettings;
import dev.denorm.config.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Debezium connector through the Connect REST API while the application runs: the
 * application needs no Connect to process what is in the change topics, but without a running
 * connector no new change arrives, silently. So every check that finds Connect unreachable, the
 * connector missing, or it or a task not RUNNING logs a WARN saying what was tried and what to
 * check (at most every {@code repeat}); the first check that finds it running again logs INFO.
 * Connect is asked with the configured basic auth and TLS settings ({@code denorm.stack.connect.*}).
 */
public final class ConnectorWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorWatch.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final HttpAccess access;
  private final String statusUrl;
  private final String name;
  private final long repeatMs;
  private final ScheduledExecutorService timer = DaemonTimer.named("denorm-connector-watch");
  private volatile String state = "not checked yet";
  private boolean healthy = true;
  private long lastWarn;

  private ConnectorWatch(String connectUrl, HttpAccess access, String name, Duration repeat) {
    this.access = access;
    this.http = access.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = connectUrl.endsWith("/") ? connectUrl.substring(0, connectUrl.length() - 1) : connectUrl;
    this.statusUrl = base + "/connectors/" + name + "/status";
    this.name = name;
    this.repeatMs = repeat.toMillis();
  }

  /** Checks now, then every {@code every}; a WARN repeats at most every {@code repeat}. */
  public static ConnectorWatch start(String connectUrl, String name, Duration every, Duration repeat) {
    return start(connectUrl, HttpAccess.none(), name, every, repeat);
  }

  /** As {@link #start(String, String, Duration, Duration)}, asking Connect with {@code access}'s credentials and TLS. */
  public static ConnectorWatch start(String connectUrl, HttpAccess access, String name, Duration every,
      Duration repeat) {
    var watch = new ConnectorWatch(connectUrl, access, name, repeat);
    watch.timer.scheduleWithFixedDelay(watch::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  /** The last check's finding: {@code RUNNING}, or what is wrong. */
  public String state() {
    return state;
  }

  private void check() {
    String problem = problem();
    state = problem == null ? "RUNNING" : problem;
    long now = System.currentTimeMillis();
    if (problem == null) {
      if (!healthy) {
        LOG.info("Debezium connector {} is RUNNING again ({})", name, statusUrl);
      }
      healthy = true;
    } else if (healthy || now - lastWarn >= repeatMs) {
      healthy = false;
      lastWarn = now;
      LOG.warn("No new changes arrive: {}. Processing what the change topics hold goes on; checking again", problem);
    }
  }

  /** What is wrong with the connector, or null if it and all its tasks run. */
  private String problem() {
    HttpResponse<String> response;
    try {
      response = http.send(access.authorize(HttpRequest.newBuilder(URI.create(statusUrl)))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return "Kafka Connect does not answer at " + statusUrl + " (" + Secrets.summary(e) + "); check that the Connect"
          + " worker runs and denorm.stack.connect.url";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (response.statusCode() == 404) {
      return "Kafka Connect at " + statusUrl + " has no connector " + name + "; register it (docs/getting-started.md) or "
          + "check denorm.stack.connector.name";
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      return "Kafka Connect at " + statusUrl + " answered HTTP " + response.statusCode() + ": it refused "
          + (access.authenticates() ? "the credentials; check " : "a request without credentials; set ")
          + StackSettings.CONNECT_USERNAME + " and " + StackSettings.CONNECT_PASSWORD;
    }
    if (response.statusCode() != 200) {
      return "Kafka Connect answered HTTP " + response.statusCode() + " for " + statusUrl;
    }
    JsonNode status;
    try {
      status = JSON.readTree(response.body());
    } catch (IOException e) {
      return "Kafka Connect sent an unreadable status for " + name + " (" + Secrets.summary(e) + ")";
    }
    String connector = status.path("connector").path("state").asText("?");
    if (!"RUNNING".equals(connector)) {
      return "Debezium connector " + name + " is " + connector + exceptionOf(status.path("connector").path("trace"));
    }
    if (status.path("tasks").isEmpty()) {
      return "Debezium connector " + name + " has no task";
    }
    for (JsonNode task : status.path("tasks")) {
      String taskState = task.path("state").asText("?");
      if (!"RUNNING".equals(taskState)) {
        return "task " + task.path("id").asText() + " of Debezium connector " + name + " is " + taskState
            + exceptionOf(task.path("trace")) + "; restart it: POST " + statusUrl.replace("/status", "/restart?includeTasks=true");
      }
    }
    return null;
  }

  /**
   * The exception class a trace starts with; not its message, which may quote the connector's
   * config or a row (the whole trace is in Connect's status: GET /connectors/NAME/status).
   */
  static String exceptionOf(JsonNode trace) {
    if (trace.isMissingNode() || trace.asText().isBlank()) {
      return "";
    }
    String text = trace.asText().strip();
    int end = text.length();
    for (char c : new char[] {':', '\n', ' '}) {
      int at = text.indexOf(c);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return ": " + text.substring(0, end) + " (see the trace in its status)";
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
