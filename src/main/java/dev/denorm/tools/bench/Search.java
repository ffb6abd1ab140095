package dev.denorm.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.SinkSettings;
import dev.denorm.sink.engine.EngineClients;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** The few search-engine requests the bench makes: counts, ids lookups, indexing stats, raw JSON. */
final class Search implements AutoCloseable {

  static final List<String> INDEXES = List.of("products", "customers", "orders");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RestClient client;

  /** The engine at {@code url}, without credentials (the embedded one). */
  Search(String url) {
    this(url, SinkSettings.defaults(url));
  }

  /** The engine at {@code url}, reached with the sink's TLS settings and credentials. */
  Search(String url, SinkSettings sink) {
    this.client = EngineClients.restClient(sink, List.of(url));
  }

  RestClient client() {
    return client;
  }

  JsonNode json(String method, String path, String body) throws IOException {
    var request = new Request(method, path);
    if (body != null) {
      request.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
    }
    try (var in = client.performRequest(request).getEntity().getContent()) {
      return JSON.readTree(in);
    }
  }

  /** Documents in an index (or alias); 0 while it does not exist yet. */
  long count(String index) throws IOException {
    return count(index, null);
  }

  long count(String index, String query) throws IOException {
    try {
      return json(query == null ? "GET" : "POST", "/" + index + "/_count",
          query == null ? null : "{\"query\":" + query + "}").path("count").asLong();
    } catch (ResponseException e) {
      if (notReady(e)) {
        return 0;
      }
      throw e;
    }
  }

  /** 404 before the app created the index, 503 while its shard is not started yet. */
  private static boolean notReady(ResponseException e) {
    int status = e.getResponse().getStatusLine().getStatusCode();
    return status == 404 || status == 503;
  }

  /** The hits of an {@code ids} query, with only {@code field} in their source. */
  JsonNode byIds(String index, Collection<String> ids, String field) throws IOException {
    var body = JSON.createObjectNode();
    body.putObject("query").putObject("ids").putPOJO("values", ids);
    body.put("size", ids.size()).putArray("_source").add(field);
    try {
      return json("POST", "/" + index + "/_search", JSON.writeValueAsString(body)).path("hits").path("hits");
    } catch (ResponseException e) {
      if (notReady(e)) {
        return JSON.createArrayNode();
      }
      throw e;
    }
  }

  /**
   * The documents of these ids as the engine holds them now, refreshed or not ({@code _mget} is
   * real-time): what the engine acknowledged, before a refresh makes it searchable.
   */
  JsonNode byIdsRealtime(String index, Collection<String> ids, String field) throws IOException {
    var body = JSON.createObjectNode();
    body.putPOJO("ids", ids);
    try {
      return json("POST", "/" + index + "/_mget?_source_includes=" + field, JSON.writeValueAsString(body)).path("docs");
    } catch (ResponseException e) {
      if (notReady(e)) {
        return JSON.createArrayNode();
      }
      throw e;
    }
  }

  /** Index plus delete operations done so far on the primaries of these indexes. */
  long writes(Collection<String> indexes) throws IOException {
    var indexing = json("GET", "/" + String.join(",", indexes) + "/_stats/indexing", null)
        .path("_all").path("primaries").path("indexing");
    return indexing.path("index_total").asLong() + indexing.path("delete_total").asLong();
  }

  /**
   * Where the engine's time went on the primaries of these indexes so far: indexing, refresh and
   * merge time in ms, and the number of refreshes.
   */
  Map<String, Long> engineTimes(Collection<String> indexes) throws IOException {
    var primaries = json("GET", "/" + String.join(",", indexes) + "/_stats/indexing,refresh,merge", null)
        .path("_all").path("primaries");
    var times = new LinkedHashMap<String, Long>();
    times.put("indexing ms", primaries.path("indexing").path("index_time_in_millis").asLong());
    times.put("refresh ms", primaries.path("refresh").path("total_time_in_millis").asLong());
    times.put("refreshes", primaries.path("refresh").path("total").asLong());
    times.put("merge ms", primaries.path("merges").path("total_time_in_millis").asLong());
    return times;
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
