package dev.denorm.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** What a test asks the engine directly, bypassing the sink. */
final class EngineQueries implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final RestClient client;

  EngineQueries(String url) {
    this.client = RestClient.builder(HttpHost.create(url)).build();
  }

  /** The stored document ({@code _source}, {@code _version}), or empty when it does not exist. */
  Optional<JsonNode> document(String index, String id) {
    try {
      var response = client.performRequest(new Request("GET", "/" + index + "/_doc/" + id));
      return Optional.of(JSON.readTree(response.getEntity().getContent()));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return Optional.empty();
      }
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<JsonNode> source(String index, String id) {
    return document(index, id).map(d -> d.get("_source"));
  }

  long count(String index) {
    return request("POST", "/" + index + "/_refresh", null) != null
        ? request("GET", "/" + index + "/_count", null).get("count").asLong() : -1;
  }

  JsonNode request(String method, String path, String body) {
    var request = new Request(method, path);
    if (body != null) {
      request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    }
    try {
      return JSON.readTree(client.performRequest(request).getEntity().getContent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
