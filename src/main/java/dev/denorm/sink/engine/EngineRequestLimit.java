package dev.denorm.sink.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.OptionalLong;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The largest request body the engine takes: the smallest {@code http.max_content_length} of its
 * nodes (a node answers a larger body with 413), as the nodes info API reports it, defaults
 * included. Both engine families report it the same way.
 */
final class EngineRequestLimit {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineRequestLimit() {}

  /** Empty when the engine does not say (no {@code monitor} right): then a 413 tells, and the writer splits. */
  static OptionalLong read(RestClient client) throws IOException {
    JsonNode nodes;
    try {
      var response = client.performRequest(
          new Request("GET", "/_nodes/http?filter_path=nodes.*.http.max_content_length_in_bytes"));
      nodes = JSON.readTree(response.getEntity().getContent()).path("nodes");
    } catch (ResponseException e) {
      return OptionalLong.empty();
    }
    long smallest = Long.MAX_VALUE;
    for (JsonNode node : nodes) {
      JsonNode limit = node.path("http").path("max_content_length_in_bytes");
      if (limit.canConvertToLong() && limit.asLong() > 0) {
        smallest = Math.min(smallest, limit.asLong());
      }
    }
    return smallest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(smallest);
  }
}
