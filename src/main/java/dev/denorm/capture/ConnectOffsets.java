package dev.denorm.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.HttpAccess;
import dev.denorm.config.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The Debezium PostgreSQL connector's committed commit position, {@code lsn_commit} of its source
 * offset, as Kafka Connect's REST API answers {@code GET /connectors/<name>/offsets} (KIP-875, Kafka
 * 3.6+): {@code {"offsets":[{"partition":{"server":"pg"},"offset":{"lsn_commit":..,"lsn":..,
 * "lsn_proc":..,"txId":..,"ts_usec":..}}]}}. Connect stores a source offset only once every record
 * sent before it is acknowledged by Kafka.
 *
 * <p>Only {@code lsn_commit} is used. Debezium sets it when it has read a transaction's COMMIT (to
 * the end of the commit record: exactly what {@code pg_current_wal_insert_lsn()} returns right after
 * the commit) or a non-transactional logical message (to the message's end), and the records it sends
 * after that carry it: so each transaction that committed at or before it was sent whole before the
 * record whose offset Connect stored. {@code lsn} is no such position: in the initial snapshot's
 * offset ({@code "snapshot":"INITIAL"}, and the {@code {lsn, txId, ts_usec}} that follows it) it is
 * where the WAL stood when the snapshot began, and in streaming it is the position of the last event
 * sent, e.g. an UPDATE inside a transaction whose other rows are not sent yet. An offset without
 * {@code lsn_commit} (during and after the initial snapshot, until the connector streams its first
 * commit) therefore gives no position; a nudge ({@link CapturePositionNudge}) makes one within a
 * flush of Connect's offsets ({@code offset.flush.interval.ms}). A COMMIT's {@code lsn_commit} is
 * stored only with a record sent after it: the next change, a heartbeat ({@code heartbeat.interval.ms})
 * or a nudge's message.
 */
final class ConnectOffsets {

  static final String COMMIT = "lsn_commit";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final HttpAccess access;
  private final String url;

  ConnectOffsets(String connectUrl, HttpAccess access, String connector) {
    this.access = access;
    this.http = access.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = connectUrl.endsWith("/") ? connectUrl.substring(0, connectUrl.length() - 1) : connectUrl;
    this.url = base + "/connectors/" + connector + "/offsets";
  }

  /**
   * The connector's committed {@code lsn_commit}, or empty while it has none.
   *
   * @throws IOException saying what failed (unreachable, HTTP status, unreadable answer): never a credential
   */
  OptionalLong committedLsn() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(access.authorize(HttpRequest.newBuilder(URI.create(url)))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      throw new IOException("Kafka Connect has no such connector (HTTP 404 for " + url + ")");
    }
    if (response.statusCode() != 200) {
      throw new IOException("Kafka Connect answered HTTP " + response.statusCode() + " for " + url);
    }
    return committedLsn(response.body());
  }

  /**
   * The {@code lsn_commit} of an offsets answer: of its one partition, or the lowest of several;
   * empty when there is no offset, or a partition's offset has no {@code lsn_commit}.
   *
   * @throws IOException when the answer is no offsets JSON
   */
  static OptionalLong committedLsn(String answer) throws IOException {
    JsonNode offsets;
    try {
      offsets = JSON.readTree(answer).path("offsets");
    } catch (IOException e) {
      throw new IOException("Kafka Connect sent an unreadable offsets answer (" + Secrets.summary(e) + ")");
    }
    if (!offsets.isArray()) {
      throw new IOException("Kafka Connect's offsets answer has no \"offsets\" list");
    }
    long lowest = Long.MAX_VALUE;
    for (JsonNode entry : offsets) {
      JsonNode commit = entry.path("offset").path(COMMIT);
      if (!commit.canConvertToLong() && !commit.isTextual()) {
        return OptionalLong.empty();
      }
      try {
        lowest = Math.min(lowest, commit.isTextual() ? Long.parseLong(commit.asText()) : commit.asLong());
      } catch (NumberFormatException e) {
        throw new IOException("Kafka Connect's offsets answer has a " + COMMIT + " that is no number");
      }
    }
    return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
  }

  /** Where the offsets are read, for messages. */
  String url() {
    return url;
  }
}
