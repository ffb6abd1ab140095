package dev.denorm.sink.engine;

import java.util.concurrent.ConcurrentHashMap;
import dev.denorm.config.SinkSettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.sink.bulk.BulkListener;
import dev.denorm.sink.bulk.BulkWriter;
import dev.denorm.sink.bulk.BulkWriterConfig;
import dev.denorm.sink.reindex.Fingerprint;
import dev.denorm.sink.reindex.EngineIndexStart;
import dev.denorm.sink.reindex.EngineIndexVersions;
import dev.denorm.sink.reindex.ReindexPlan;
import dev.denorm.sink.reindex.Retirement;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.specific.SpecificData;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search engine as the sink sees it: one REST client and one timer thread shared by every
 * task's bulk writer. Knows nothing of Kafka Streams. Close it after the Kafka Streams instance.
 */
public final class EngineSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

  /** Positions (offsets) up to 2^40 fit below a generation. */
  public static final int GENERATION_SHIFT = 40;
  private final SinkSettings settings;
  private final Map<String, Long> versionBases = new ConcurrentHashMap<>();
  private final RestClient client;
  private final ScheduledExecutorService scheduler;
  private final EngineIndexVersions versions;
  private final Retirement retirement;
  private final Map<String, String> buildTargets = new ConcurrentHashMap<>();
  private final Map<String, ReindexPlan.Build> builds = new ConcurrentHashMap<>();
  /** The engine's http.max_content_length, once {@link #prepare} read it; a request never exceeds it. */
  private volatile long requestLimit = Long.MAX_VALUE;

  public EngineSession(SinkSettings settings) {
    this(settings, EngineClients.restClient(settings));
  }

  public EngineSession(SinkSettings settings, RestClient client) {
    this.settings = settings;
    this.client = client;
    this.versions = new EngineIndexVersions(client);
    this.retirement = new Retirement(versions);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      var thread = new Thread(r, "denorm-sink-timer");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Creates every missing index behind its alias, starts (or resumes, or rolls back) the rebuild
   * of each whose fingerprint changed (see {@link EngineIndexStart}; the builds are then run by the
   * caller, see {@link #builds()}), and checks the configured pipelines.
   */
  public void prepare(List<? extends DocumentIndex<?>> indexes) throws IOException {
    prepare(indexes, Map.of());
  }

  /**
   * As {@link #prepare(List)}, and fixes each index's version base from the identity of the source
   * its documents come from (index name -> an id that changes when that source is created anew,
   * e.g. a Kafka topic id); an index without one writes with base 0.
   */
  public void prepare(List<? extends DocumentIndex<?>> indexes, Map<String, String> sourceIds) throws IOException {
    readRequestLimit();
    var manager = new EngineIndexManager(client, settings);
    var start = new EngineIndexStart(versions, retirement, settings.reindexGraceMs());
    for (DocumentIndex<?> index : indexes) {
      var body = manager.indexBody(index.name(), SpecificData.get().getSchema(index.documentSerde().type()));
      String fingerprint = Fingerprint.of(body.get("mappings"), settings.indexShards(), index.topologyVersion());
      String source = sourceIds.get(index.name());
      var build = start.prepare(index.name(), body, fingerprint, source, alias -> {
        long generation = source == null ? 0 : manager.versionGeneration(alias, source);
        versionBases.put(alias, generation << GENERATION_SHIFT);
        return generation;
      });
      manager.applySettings(index.name());
      build.ifPresent(b -> {
        builds.put(index.name(), b);
        buildTargets.put(index.name(), b.name());
      });
      var pipeline = settings.pipeline(index.name());
      if (pipeline.isPresent()) {
        manager.ensurePipeline(pipeline.get());
      }
    }
  }

  private void readRequestLimit() throws IOException {
    var limit = EngineRequestLimit.read(client);
    if (limit.isEmpty()) {
      log.info("The search engine does not say its http.max_content_length (the sink's user may lack the monitor"
          + " right): _bulk requests are bounded by {} only, and one the engine answers with 413 is split",
          SinkSettings.BATCH_MAX_BYTES);
      return;
    }
    requestLimit = limit.getAsLong();
    if (requestLimit < settings.batchMaxBytes()) {
      log.info("The search engine takes requests of at most {} bytes (http.max_content_length), less than {}={}: "
          + "_bulk requests are bounded by the engine's limit", requestLimit, SinkSettings.BATCH_MAX_BYTES,
          settings.batchMaxBytes());
    }
  }

  /**
   * What the index's documents add to their position in their source to get their external
   * version: the generation (see {@link EngineIndexManager#versionGeneration}) above the low 40 bits.
   */
  public long versionBase(String index) {
    return versionBases.getOrDefault(index, 0L);
  }

  /**
   * The index being built for {@code index} while its live one serves, or null: the sink writes
   * each document to it too, so that the build misses nothing the live index gets.
   */
  public String buildTarget(String index) {
    return buildTargets.get(index);
  }

  /** The builds the last {@link #prepare} found to run (index name -> build), for the caller to start. */
  public Map<String, ReindexPlan.Build> builds() {
    return Map.copyOf(builds);
  }

  /** After the switch, the sink writes to the alias alone again. */
  public void buildFinished(String index) {
    buildTargets.remove(index);
    builds.remove(index);
  }

  public EngineIndexVersions versions() {
    return versions;
  }

  public Retirement retirement() {
    return retirement;
  }

  public <T> BulkWriter<T> newWriter(String name, BulkListener<T> listener) {
    return new BulkWriter<>(name, client, scheduler, BulkWriterConfig.from(settings).capped(requestLimit), listener);
  }

  public SinkSettings settings() {
    return settings;
  }

  public RestClient client() {
    return client;
  }

  /** Makes what the engine acknowledged in the index behind {@code alias} searchable now ({@code POST <alias>/_refresh}). */
  public void refresh(String alias) throws IOException {
    client.performRequest(new Request("POST", "/" + alias + "/_refresh"));
  }

  @Override
  public void close() throws IOException {
    retirement.close();
    scheduler.shutdownNow();
    client.close();
  }
}
