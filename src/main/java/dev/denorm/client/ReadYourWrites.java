package dev.denorm.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Read-your-writes for an application: after it commits, it asks PostgreSQL for the WAL position
 * past its commit ({@link #position}), then a denorm instance to answer once every change up to
 * there is searchable in an index ({@link #await}, {@code GET /wait}).
 *
 * <pre>{@code
 * var barrier = new ReadYourWrites(URI.create("http://denorm:9464"), Optional.empty());
 * connection.commit();
 * var answer = barrier.awaitCommitted(connection, "orders", Duration.ofSeconds(5));
 * if (answer.searchable()) { ... search ... }
 * }</pre>
 */
public final class ReadYourWrites implements AutoCloseable {

  /** The instance's answer: searchable (200), or not within the timeout (504, the body says which stage is behind). */
  public record Answer(boolean searchable, int status, String body) {}

  private final URI instance;
  private final Optional<String> token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param instance any instance of the group, e.g. {@code http://denorm:9464}
   * @param token the bearer token, when the instance requires one for /wait
   */
  public ReadYourWrites(URI instance, Optional<String> token) {
    this.instance = instance;
    this.token = token;
  }

  /**
   * The WAL position at or past the end of everything committed so far on this server,
   * {@code pg_current_wal_insert_lsn()}: past the commit record of this connection's last
   * transaction even under {@code synchronous_commit=off}, where the write position may lag it.
   */
  public static String position(Connection connection) throws SQLException {
    try (var statement = connection.createStatement(); var rows = statement.executeQuery(
        "SELECT pg_current_wal_insert_lsn()::text")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** {@link #position} after the caller's commit, then {@link #await}. */
  public Answer awaitCommitted(Connection connection, String index, Duration timeout)
      throws SQLException, IOException, InterruptedException {
    return await(index, position(connection), timeout);
  }

  /** Waits (at most {@code timeout}, on the instance) until every change up to {@code lsn} is searchable in {@code index}. */
  public Answer await(String index, String lsn, Duration timeout) throws IOException, InterruptedException {
    String base = instance.toString().endsWith("/") ? instance.toString().substring(0, instance.toString().length() - 1)
        : instance.toString();
    var request = HttpRequest.newBuilder(URI.create(base + "/wait?index=" + encode(index) + "&lsn=" + encode(lsn)
            + "&timeout=" + timeout.toMillis() + "ms"))
        .timeout(timeout.plusSeconds(15))
        .GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode() == 200, response.statusCode(), response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }
}
