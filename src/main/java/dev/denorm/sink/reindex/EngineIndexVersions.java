package dev.denorm.sink.reindex;

import java.util.function.Consumer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The versioned indexes behind an alias, on the engine: what their {@code _meta} records (under
 * {@code _meta.denorm}: {@code fingerprint}, {@code documents_topic_id}, {@code version_generation},
 * while building {@code build.positions}, once retired {@code retired_at_ms}), and the requests
 * that create, switch, finish and delete them. Knows nothing of Kafka.
 */
public final class EngineIndexVersions {

  static final String META = "denorm";
  static final String FINGERPRINT = "fingerprint";
  static final String TOPIC_ID = "documents_topic_id";
  static final String GENERATION = "version_generation";
  static final String BUILD = "build";
  static final String POSITIONS = "positions";
  static final String RETIRED_AT = "retired_at_ms";
  /**
   * How long a build index remembers a delete's version: the copy may write an older record of a
   * document after the sink deleted it, and must find the delete's version still there.
   */
  static final String BUILD_GC_DELETES = "1d";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestClient client;

  public EngineIndexVersions(RestClient client) {
    this.client = client;
  }

  /**
   * The concrete indexes named {@code <alias>-v<N>} or {@code <alias>}, with what they record: their
   * aliases and {@code _meta} read in one request, so from one cluster state. (Read in two, an index
   * another instance created between them looked not live, and this instance put a second index
   * behind the alias, which then took no writes.)
   */
  public List<VersionedIndex> observe(String alias) throws IOException {
    JsonNode indexes = get("/" + alias + "," + alias + "-v*?ignore_unavailable=true&allow_no_indices=true"
        // the uuid keeps an index with neither aliases nor _meta (one made by hand) in the answer
        + "&filter_path=*.aliases,*.mappings._meta,*.settings.index.uuid");
    var found = new ArrayList<VersionedIndex>();
    for (var entry : indexes.properties()) {
      String name = entry.getKey();
      var version = VersionedIndex.versionOf(alias, name);
      if (version.isEmpty()) {
        continue;
      }
      JsonNode meta = entry.getValue().path("mappings").path("_meta").path(META);
      var positions = new HashMap<Integer, Long>();
      meta.path(BUILD).path(POSITIONS).properties()
          .forEach(p -> positions.put(Integer.parseInt(p.getKey()), p.getValue().asLong()));
      boolean live = version.get() == 0 || entry.getValue().path("aliases").has(alias);
      found.add(new VersionedIndex(name, version.get(), meta.path(FINGERPRINT).textValue(), meta.has(BUILD),
          positions, meta.path(TOPIC_ID).textValue(), meta.path(GENERATION).asLong(-1),
          meta.path(RETIRED_AT).asLong(-1), live));
    }
    return found;
  }

  /** Creates an index from a body with settings and mappings (the caller sets aliases and _meta). */
  public void create(String index, ObjectNode body) throws IOException {
    send("PUT", "/" + index, body);
  }

  /** The body of a build: no alias, a long gc_deletes, and in _meta the live source and no positions yet. */
  public static ObjectNode buildBody(ObjectNode body, String fingerprint, String topicId, long generation) {
    var copy = body.deepCopy();
    copy.withObjectProperty("settings").withObjectProperty("index").put("gc_deletes", BUILD_GC_DELETES);
    var meta = copy.withObjectProperty("mappings").withObjectProperty("_meta").withObjectProperty(META).put(FINGERPRINT, fingerprint)
        .put(GENERATION, generation);
    if (topicId != null) {
      meta.put(TOPIC_ID, topicId);
    }
    meta.withObjectProperty(BUILD).putObject(POSITIONS);
    return copy;
  }

  /** Records a build's progress: per partition, the next offset to copy (all below it acknowledged). */
  public void recordPositions(String index, Map<Integer, Long> positions) throws IOException {
    updateMeta(index, meta -> {
      var recorded = meta.withObjectProperty(BUILD).putObject(POSITIONS);
      positions.forEach((partition, offset) -> recorded.put(Integer.toString(partition), offset));
    });
  }

  /**
   * Moves the alias from the live index to {@code target} in one {@code _aliases} request, so
   * every search sees one or the other. A live index from before aliases (named like the alias)
   * is deleted in the same request: an alias cannot have the name of an index.
   */
  public void switchAlias(String alias, VersionedIndex live, String target) throws IOException {
    var body = JSON.createObjectNode();
    var actions = body.putArray("actions");
    actions.addObject().putObject("add").put("index", target).put("alias", alias);
    if (live.legacy()) {
      actions.addObject().putObject("remove_index").put("index", live.name());
    } else {
      actions.addObject().putObject("remove").put("index", live.name()).put("alias", alias);
    }
    send("POST", "/_aliases", body);
  }

  /** Takes {@code index} out of {@code alias}. */
  public void removeAlias(String alias, String index) throws IOException {
    var body = JSON.createObjectNode();
    body.putArray("actions").addObject().putObject("remove").put("index", index).put("alias", alias);
    send("POST", "/_aliases", body);
  }

  /** After the switch: the build is an ordinary live index (no positions, gc_deletes back to its default). */
  public void finish(String index) throws IOException {
    updateMeta(index, meta -> meta.remove(BUILD));
    var settings = JSON.createObjectNode();
    settings.putObject("index").putNull("gc_deletes");
    send("PUT", "/" + index + "/_settings", settings);
  }

  /** Records when an index stopped being live, which starts its grace period. */
  public void retire(String index, long atMs) throws IOException {
    updateMeta(index, meta -> meta.put(RETIRED_AT, atMs));
  }

  public void refresh(String index) throws IOException {
    client.performRequest(new Request("POST", "/" + index + "/_refresh"));
  }

  /** Deletes an index; one already gone is fine. */
  public void delete(String index) throws IOException {
    try {
      client.performRequest(new Request("DELETE", "/" + index));
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() != 404) {
        throw e;
      }
    }
  }

  private void updateMeta(String index, Consumer<ObjectNode> change) throws IOException {
    JsonNode current = get("/" + index + "/_mapping").path(index).path("mappings").path("_meta");
    ObjectNode meta = current.isObject() ? (ObjectNode) current.deepCopy() : JSON.createObjectNode();
    change.accept(meta.withObjectProperty(META));
    var body = JSON.createObjectNode();
    body.set("_meta", meta);
    send("PUT", "/" + index + "/_mapping", body);
  }

  private JsonNode get(String path) throws IOException {
    var response = client.performRequest(new Request("GET", path));
    return JSON.readTree(response.getEntity().getContent());
  }

  private void send(String method, String path, JsonNode body) throws IOException {
    var request = new Request(method, path);
    request.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
    client.performRequest(request);
  }
}
