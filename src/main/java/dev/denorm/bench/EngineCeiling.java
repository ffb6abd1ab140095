package dev.denorm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.sink.bulk.BulkBody;
import dev.denorm.sink.convert.IndexAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The search engine alone: the backfilled documents (scrolled from the real indexes) as
 * pre-built {@code _bulk} bodies, 1000 actions each, 2 requests in flight (the sink's defaults),
 * into fresh {@code ceiling-<index>} indexes with the real indexes' mappings; deleted afterwards.
 */
final class EngineCeiling {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 1000;
  private static final int IN_FLIGHT = 2;
  private static final List<String> CEILING_INDEXES = Search.INDEXES.stream().map(i -> "ceiling-" + i).toList();
  private final Search search;
  /** The engine's indexing, refresh and merge times for the ceiling's indexes (after run). */
  private Map<String, Long> times = Map.of();

  EngineCeiling(Search search) {
    this.search = search;
  }

  Map<String, Long> times() {
    return times;
  }

  /** Documents per second; {@code count} receives the number of documents sent. */
  double run(long[] count) throws Exception {
    var actions = new ArrayList<IndexAction>();
    for (var index : Search.INDEXES) {
      createLike(index);
      scroll(index, actions);
    }
    try {
      var bodies = new ArrayList<byte[]>();
      for (int from = 0; from < actions.size(); from += BATCH) {
        bodies.add(BulkBody.of(actions.subList(from, Math.min(actions.size(), from + BATCH))));
      }
      count[0] = actions.size();
      actions.clear();
      long start = System.nanoTime();
      send(bodies);
      double docsPerSecond = count[0] / ((System.nanoTime() - start) / 1e9);
      times = search.engineTimes(CEILING_INDEXES);
      return docsPerSecond;
    } finally {
      search.json("DELETE", "/" + String.join(",", CEILING_INDEXES) + "?ignore_unavailable=true", null);
    }
  }

  /** ceiling-<index> with the real index's mapping, shards and replicas. */
  private void createLike(String index) throws IOException {
    var mapping = search.json("GET", "/" + index + "/_mapping", null).elements().next().path("mappings");
    var settings = search.json("GET", "/" + index + "/_settings", null).elements().next()
        .path("settings").path("index");
    var body = JSON.createObjectNode();
    body.putObject("settings").put("number_of_shards", settings.path("number_of_shards").asText("1"))
        .put("number_of_replicas", settings.path("number_of_replicas").asText("0"));
    body.set("mappings", mapping);
    search.json("DELETE", "/ceiling-" + index + "?ignore_unavailable=true", null);
    search.json("PUT", "/ceiling-" + index, JSON.writeValueAsString(body));
  }

  private void scroll(String index, List<IndexAction> into) throws IOException {
    var page = search.json("POST", "/" + index + "/_search?scroll=1m", "{\"size\":1000,\"sort\":[\"_doc\"]}");
    String scrollId = page.path("_scroll_id").asText();
    try {
      while (page.path("hits").path("hits").size() > 0) {
        for (var hit : page.path("hits").path("hits")) {
          into.add(new IndexAction("ceiling-" + index, hit.path("_id").asText(), 1,
              JSON.writeValueAsBytes(hit.path("_source")), null));
        }
        page = search.json("POST", "/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
        scrollId = page.path("_scroll_id").asText();
      }
    } finally {
      search.json("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
    }
  }

  private void send(List<byte[]> bodies) throws Exception {
    PrebuiltBulk.send(search.client(), bodies, IN_FLIGHT);
  }
}
