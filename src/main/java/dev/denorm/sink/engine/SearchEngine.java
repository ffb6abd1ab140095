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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.specific.SpecificData;
import org.elasticsearch.client.RestClient;

/**
 * The search engine as the sink sees it: one REST client and one timer thread shared by every
 * task's bulk writer. Knows nothing of Kafka Streams. Close it after the Kafka Streams instance.
 */
public final class SearchEngine implements AutoCloseable {

  private final SinkSettings settings;
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
    var manager = new IndexManager(client, settings.indexShards(), settings.indexReplicas());
    for (DocumentIndex<?> index : indexes) {
      manager.ensureIndex(index.name(), SpecificData.get().getSchema(index.documentSerde().type()));
      var pipeline = settings.pipeline(index.name());
      if (pipeline.isPresent()) {
        manager.ensurePipeline(pipeline.get());
      }
    }
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
