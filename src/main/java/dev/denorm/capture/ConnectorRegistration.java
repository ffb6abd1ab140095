package dev.denorm.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.config.HttpAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Registers a connector through Connect's REST API, the way a user would, and waits until the
 * connector and its task run. {@code PUT /connectors/<name>/config} creates or updates;
 * {@link #config} reads what is registered. With basic auth and TLS as configured for Connect
 * ({@code denorm.stack.connect.*}). Used by the embedded stack, and by {@code resnapshot} on a
 * deployment's own worker.
 */
public final class ConnectorRegistration {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final HttpAccess access;
  private final String connectUrl;

  /** Connect at {@code connectUrl} without credentials (the embedded worker). */
  public ConnectorRegistration(String connectUrl) {
    this(connectUrl, HttpAccess.none());
  }

  public ConnectorRegistration(String connectUrl, HttpAccess access) {
    this.access = access;
    this.http = access.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.connectUrl = connectUrl.endsWith("/") ? connectUrl.substring(0, connectUrl.length() - 1) : connectUrl;
  }

  public void register(String name, ObjectNode config, Duration timeout) throws IOException, InterruptedException {
    var put = access.authorize(HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/" + name + "/config")))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
        .timeout(Duration.ofSeconds(30))
        .build();
    var response = http.send(put, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new IOException("registering connector " + name + " failed: HTTP " + response.statusCode()
          + " " + response.body());
    }
    awaitRunning(name, timeout);
  }

  /** The registered config of connector {@code name}. */
  public ObjectNode config(String name) throws IOException, InterruptedException {
    var get = access.authorize(HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/" + name + "/config")))
        .timeout(Duration.ofSeconds(10)).GET().build();
    var response = http.send(get, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("reading the config of connector " + name + " failed: HTTP " + response.statusCode());
    }
    return (ObjectNode) JSON.readTree(response.body());
  }

  private void awaitRunning(String name, Duration timeout) throws IOException, InterruptedException {
    var deadline = Instant.now().plus(timeout);
    String last = "no status yet";
    while (Instant.now().isBefore(deadline)) {
      var status = status(name);
      if (status != null) {
        last = status.toString();
        var tasks = status.path("tasks");
        if (tasks.size() > 0 && tasks.findValuesAsText("state").contains("FAILED")) {
          throw new IOException("connector " + name + " task failed: " + tasks.get(0).path("trace").asText());
        }
        if ("RUNNING".equals(status.path("connector").path("state").asText())
            && tasks.size() > 0 && tasks.findValuesAsText("state").stream().allMatch("RUNNING"::equals)) {
          return;
        }
      }
      Thread.sleep(100); // polling interval of a bounded wait
    }
    throw new IOException("connector " + name + " not RUNNING within " + timeout + ": " + last);
  }

  private JsonNode status(String name) throws IOException, InterruptedException {
    var get = access.authorize(HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/" + name + "/status")))
        .timeout(Duration.ofSeconds(10)).GET().build();
    var response = http.send(get, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }
}
