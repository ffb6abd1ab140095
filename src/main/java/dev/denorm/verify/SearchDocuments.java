package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.SinkSettings;
import dev.denorm.sink.bulk.Backoff;
import dev.denorm.sink.bulk.ErrorClassifier;
import dev.denorm.sink.engine.EngineClients;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.TreeMap;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Reads every document of an index (or alias) with the scroll API, which Elasticsearch and
 * OpenSearch both serve. A missing index reads as empty. An answer that says "later" (429 or 5xx,
 * {@link ErrorClassifier#retriable}: a circuit breaker, a full queue, a restarting node) is asked
 * again, up to {@value #TRIES} times with a backoff.
 */
public final class SearchDocuments implements DocumentSource {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int TRIES = 6;
  private final RestClient client;
  private final Backoff backoff;

  /** The engine at {@code url}, without credentials. */
  public SearchDocuments(String url) {
    this(SinkSettings.defaults(url));
  }

  /** The engine the sink writes to, reached with the sink's TLS settings and credentials. */
  public SearchDocuments(SinkSettings sink) {
    this(sink, new Backoff(250, 4_000));
  }

  SearchDocuments(SinkSettings sink, Backoff backoff) {
    this.client = EngineClients.restClient(sink);
    this.backoff = backoff;
  }

  @Override
  public Map<String, JsonNode> documents(String index) throws IOException {
    var docs = new TreeMap<String, JsonNode>();
    scroll(index, true, hit -> docs.put(hit.path("_id").asText(), hit.path("_source")));
    return docs;
  }

  /** One {@code _mget} (real-time: what the engine holds, refreshed or not). */
  @Override
  public Map<String, JsonNode> documents(String index, Collection<String> ids) throws IOException {
    var found = new HashMap<String, JsonNode>();
    if (ids.isEmpty()) {
      return found;
    }
    var request = new Request("POST", "/" + index + "/_mget");
    var body = JSON.createObjectNode();
    var array = body.putArray("ids");
    ids.forEach(array::add);
    request.setJsonEntity(body.toString());
    JsonNode response;
    try {
      response = JSON.readTree(perform(request).getEntity().getContent());
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return found;
      }
      throw e;
    }
    for (JsonNode doc : response.path("docs")) {
      if (doc.path("found").asBoolean()) {
        found.put(doc.path("_id").asText(), doc.path("_source"));
      }
    }
    return found;
  }

  /** The ids only: a scroll without sources. */
  @Override
  public void ids(String index, Consumer<String> each) throws IOException {
    scroll(index, false, hit -> each.accept(hit.path("_id").asText()));
  }

  /** Every hit of the index after a refresh, in pages; a missing index has none. */
  private void scroll(String index, boolean sources, Consumer<JsonNode> each) throws IOException {
    try {
      perform(new Request("POST", "/" + index + "/_refresh"));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return;
      }
      throw e;
    }
    var first = new Request("POST", "/" + index + "/_search");
    first.addParameter("scroll", "1m");
    first.setJsonEntity("{\"size\":" + (sources ? 1000 : 5000) + ",\"sort\":[\"_doc\"]" + (sources ? "" : ",\"_source\":false")
        + "}");
    JsonNode page = JSON.readTree(perform(first).getEntity().getContent());
    String scrollId = page.path("_scroll_id").asText(null);
    try {
      while (page.path("hits").path("hits").size() > 0) {
        page.path("hits").path("hits").forEach(each);
        var next = new Request("POST", "/_search/scroll");
        next.setJsonEntity(JSON.createObjectNode().put("scroll", "1m").put("scroll_id", scrollId).toString());
        page = JSON.readTree(perform(next).getEntity().getContent());
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
  }

  /** The request, asked again while the engine answers that it is busy. */
  private Response perform(Request request) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return client.performRequest(request);
      } catch (ResponseException e) {
        if (!ErrorClassifier.retriable(e.getResponse().getStatusLine().getStatusCode()) || attempt + 1 >= TRIES) {
          throw e;
        }
        pause(backoff.delayMs(attempt));
      }
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to ask a busy search engine again", e);
    }
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
