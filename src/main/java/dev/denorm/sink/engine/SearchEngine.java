package dev.denorm.sink.engine;

import dev.denorm.config.SinkSettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.sink.bulk.BulkListener;
import dev.denorm.sink.bulk.BulkWriter;
import dev.denorm.sink.bulk.BulkWriterConfig;
import dev.denorm.sink.engine.IndexManager;
import dev.denorm.sink.engine.EngineClients;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.specific.SpecificData;
import org.elasticsearch.client.RestClient;

/**
 * The search engine as the sink sees it: one REST client and one timer thread shared by every
 * task's bulk writer. Knows nothing of Kafka Streams. Close it after the Kafka Streams instance.
 */
public final class SearchEngine implements AutoCloseable {

  /** Positions (offsets) up to 2^40 fit below a generation. */
  public static final int GENERATION_SHIFT = 40;
  private final SinkSettings settings;
  private final Map<String, Long> versionBases = new java.util.concurrent.ConcurrentHashMap<>();
  private final RestClient client;
  private final ScheduledExecutorService scheduler;

  public SearchEngine(SinkSettings settings) {
    this(settings, EngineClients.restClient(settings));
  }

  public SearchEngine(SinkSettings settings, RestClient client) {
    this.settings = settings;
    this.client = client;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      var thread = new Thread(r, "denorm-sink-timer");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Creates every missing index behind its alias and checks the configured pipelines. */
  public void prepare(List<? extends DocumentIndex<?>> indexes) throws IOException {
    prepare(indexes, Map.of());
  }

  /**
   * As {@link #prepare(List)}, and fixes each index's version base from the identity of the source
   * its documents come from (index name -> an id that changes when that source is created anew,
   * e.g. a Kafka topic id); an index without one writes with base 0.
   */
  public void prepare(List<? extends DocumentIndex<?>> indexes, Map<String, String> sourceIds) throws IOException {
    var manager = new IndexManager(client, settings.indexShards(), settings.indexReplicas());
    for (DocumentIndex<?> index : indexes) {
      manager.ensureIndex(index.name(), SpecificData.get().getSchema(index.documentSerde().type()));
      String source = sourceIds.get(index.name());
      if (source != null) {
        versionBases.put(index.name(), manager.versionGeneration(index.name(), source) << GENERATION_SHIFT);
      }
      var pipeline = settings.pipeline(index.name());
      if (pipeline.isPresent()) {
        manager.ensurePipeline(pipeline.get());
      }
    }
  }

  /**
   * What the index's documents add to their position in their source to get their external
   * version: the generation (see {@link IndexManager#versionGeneration}) above the low 40 bits.
   */
  public long versionBase(String index) {
    return versionBases.getOrDefault(index, 0L);
  }

  public <T> BulkWriter<T> newWriter(String name, BulkListener<T> listener) {
    return new BulkWriter<>(name, client, scheduler, BulkWriterConfig.from(settings), listener);
  }

  public SinkSettings settings() {
    return settings;
  }

  public RestClient client() {
    return client;
  }

  @Override
  public void close() throws IOException {
    scheduler.shutdownNow();
    client.close();
  }
}
