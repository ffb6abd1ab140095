package dev.denorm.app;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.List;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.sink.convert.DocumentConverter;
import dev.denorm.verify.DocumentComparator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.IndexedRecord;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The body of {@code GET /documents/<index>/<id>}: the pipeline's document (as the sink writes it:
 * the JSON of docs/documents.md), the engine's, who owns it, and whether the two are equal as
 * {@code verify} compares them ({@link DocumentComparator}: numbers by value, instants as instants),
 * with the differences as paths.
 */
final class DocumentAnswer {

  /** Decimals as exact numbers on both sides, written plainly: 19.90 is compared and shown as money. */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private DocumentAnswer() {}

  /** The document as the sink sends it to the engine; null for null. */
  static JsonNode pipelineJson(IndexedRecord document) {
    if (document == null) {
      return null;
    }
    try {
      return JSON.readTree(DocumentConverter.toJson(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the engine holds under the id, real-time (refreshed or not); null when it holds none or has no such index. */
  static JsonNode engineJson(RestClient engine, String index, String id) throws IOException {
    try {
      var response = engine.performRequest(new Request("GET", "/" + index + "/_doc/"
          + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
      JsonNode body = JSON.readTree(response.getEntity().getContent());
      return body.path("found").asBoolean() ? body.get("_source") : null;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  static ObjectNode of(String index, String id, JsonNode pipeline, JsonNode engine, String owner) {
    var body = JSON.createObjectNode().put("index", index).put("id", id);
    body.set("pipeline", pipeline);
    body.set("engine", engine);
    body.put("owner", owner);
    var differences = pipeline == null && engine == null ? List.<String>of()
        : DocumentComparator.differences(pipeline, engine);
    body.put("equal", differences.isEmpty());
    differences.forEach(body.putArray("differences")::add);
    return body;
  }

  /** An answer that is no document: why. */
  static ObjectNode error(String index, String id, String message) {
    var body = JSON.createObjectNode();
    if (index != null) {
      body.put("index", index);
    }
    if (id != null) {
      body.put("id", id);
    }
    return body.put("error", message);
  }
}
