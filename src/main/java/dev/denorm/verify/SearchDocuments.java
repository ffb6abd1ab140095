package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Reads every document of an index (or alias) with the scroll API, which Elasticsearch and
 * OpenSearch both serve. A missing index reads as empty.
 */
public final class SearchDocuments implements DocumentSource {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final RestClient client;

  public SearchDocuments(String url) {
    this.client = RestClient.builder(HttpHost.create(url)).build();
  }

  @Override
  public Map<String, JsonNode> documents(String index) throws IOException {
    var docs = new TreeMap<String, JsonNode>();
    JsonNode page;
    try {
      client.performRequest(new Request("POST", "/" + index + "/_refresh"));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return docs;
      }
      throw e;
    }
    var first = new Request("POST", "/" + index + "/_search");
    first.addParameter("scroll", "1m");
    first.setJsonEntity("{\"size\":1000,\"sort\":[\"_doc\"]}");
    page = JSON.readTree(client.performRequest(first).getEntity().getContent());
    String scrollId = page.path("_scroll_id").asText(null);
    try {
      while (page.path("hits").path("hits").size() > 0) {
        page.path("hits").path("hits").forEach(hit -> docs.put(hit.path("_id").asText(), hit.path("_source")));
        var next = new Request("POST", "/_search/scroll");
        next.setJsonEntity(JSON.createObjectNode().put("scroll", "1m").put("scroll_id", scrollId).toString());
        page = JSON.readTree(client.performRequest(next).getEntity().getContent());
        scrollId = page.path("_scroll_id").asText(scrollId);
      }
    } finally {
      if (scrollId != null) {
        var clear = new Request("DELETE", "/_search/scroll");
        clear.setJsonEntity(JSON.createObjectNode().put("scroll_id", scrollId).toString());
        try {
          client.performRequest(clear);
        } catch (IOException ignored) {
          // the scroll expires by itself after a minute
        }
      }
    }
    return docs;
  }

  @Override
  public String describe() {
    return "search engine " + client.getNodes();
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
