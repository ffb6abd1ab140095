package dev.denorm.tools.stack;

import java.util.List;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.io.IOException;
import dev.denorm.config.Endpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.testing.ChangeTopicReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded stack on real parts: start, connector snapshot, streaming, stop, restart with kept data. */
class StackIT {

  @TempDir Path dataDir;

  @Test
  void shouldCaptureSnapshotAndChangesAndKeepDataAcrossRestart() throws Exception {
    var config = AppConfig.from(Map.of("denorm.stack.data.dir", dataDir.toString()));
    int postgresPort;
    try (var stack = Stack.start(config, endpoints -> insertCustomer(endpoints, 1))) {
      var e = stack.endpoints();
      postgresPort = URI.create(e.jdbcUrl().substring(5)).getPort();
      assertThat(e.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
      assertThat(e.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(e.connectUrl()).startsWith("http://127.0.0.1:");
      assertThat(e.searchUrl()).startsWith("http://127.0.0.1:");
      assertThat(e.describe()).doesNotContain("postgres:postgres");
      assertThat(http("PUT", e.searchUrl() + "/kept-index")).isEqualTo(200);
      try (var reader = new ChangeTopicReader(e.bootstrapServers(), "pg.shop.customers")) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ops(reader).contains("r:1"));
        insertCustomer(e, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> ops(reader).contains("c:2"));
      }
    }
    assertThat(listening(postgresPort)).as("PostgreSQL stopped").isFalse();

    try (var stack = Stack.start(config, endpoints -> insertCustomer(endpoints, 3))) {
      var e = stack.endpoints();
      assertThat(URI.create(e.jdbcUrl().substring(5)).getPort()).as("same port after restart").isEqualTo(postgresPort);
      try (var c = e.connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM shop.customers")) {
        rs.next();
        assertThat(rs.getInt(1)).as("rows kept across restart").isEqualTo(3);
      }
      assertThat(http("GET", e.searchUrl() + "/kept-index")).as("index kept across restart").isEqualTo(200);
      try (var c = e.connect(); var rs = c.createStatement().executeQuery("SHOW synchronous_commit")) {
        rs.next();
        // PostgreSQL's default, not zonky's: a commit's change reaches the slot without the WAL writer's delay
        assertThat(rs.getString(1)).isEqualTo("on");
      }
      try (var reader = new ChangeTopicReader(e.bootstrapServers(), "pg.shop.customers")) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ops(reader).contains("c:3"));
        assertThat(ops(reader)).as("no second snapshot after restart").containsExactly("r:1", "c:2", "c:3");
      }
    }
    assertThat(Files.list(dataDir)).isNotEmpty();
  }

  private static List<String> ops(ChangeTopicReader reader) {
    return reader.poll().stream().filter(Objects::nonNull)
        .map(v -> v.path("op").asText() + ":" + v.path("after").path("id").asText()).toList();
  }

  private static void insertCustomer(Endpoints endpoints, int id) throws Exception {
    try (var c = endpoints.connect(); var st = c.prepareStatement(
        "INSERT INTO shop.customers (id, email, first_name, last_name) VALUES (?, ?, 'Ada', 'Lovelace')")) {
      st.setLong(1, id);
      st.setString(2, "ada" + id + "@example.com");
      st.executeUpdate();
    }
  }

  private static int http(String method, String url) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    try (var client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  private static boolean listening(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
