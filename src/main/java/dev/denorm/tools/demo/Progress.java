package dev.denorm.tools.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.KafkaClients;
import dev.denorm.config.SinkSettings;
import dev.denorm.sink.engine.EngineClients;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Measures the pipeline: change events captured (records in the change topics), documents per
 * index (the search engine's count) and the application's lag on the change topics.
 */
public final class Progress implements AutoCloseable {

  /** One measurement. */
  public record Snapshot(long captured, Map<String, Long> documents, long lag) {

    public String line() {
      var docs = new StringBuilder();
      documents.forEach((index, n) -> docs.append(' ').append(index).append(' ').append(n));
      return String.format("captured %d change events | documents%s | lag %d", captured, docs, lag);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Admin admin;
  private final RestClient search;
  private final List<String> changeTopics;
  private final List<String> indexes;
  private final String applicationId;

  /** @param sink the sink's settings: the engine at {@code searchUrl} is reached with its TLS settings and credentials */
  public Progress(KafkaClients kafka, String searchUrl, SinkSettings sink, List<String> changeTopics,
      List<String> indexes, String applicationId) {
    this.admin = kafka.admin("demo-progress");
    this.search = EngineClients.restClient(sink, List.of(searchUrl));
    this.changeTopics = changeTopics;
    this.indexes = indexes;
    this.applicationId = applicationId;
  }

  public Snapshot measure() throws IOException, ExecutionException, InterruptedException {
    var partitions = admin.describeTopics(changeTopics).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .toList();
    var request = new LinkedHashMap<TopicPartition, OffsetSpec>();
    partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
    var ends = admin.listOffsets(request).all().get();
    var committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    long captured = 0;
    long lag = 0;
    for (var p : partitions) {
      long end = ends.get(p).offset();
      captured += end;
      var c = committed.get(p);
      lag += end - (c == null ? 0 : c.offset());
    }
    var documents = new LinkedHashMap<String, Long>();
    for (var index : indexes) {
      documents.put(index, count(index));
    }
    return new Snapshot(captured, documents, lag);
  }

  private long count(String index) throws IOException {
    try {
      var response = search.performRequest(new Request("GET", "/" + index + "/_count"));
      return JSON.readTree(response.getEntity().getContent()).path("count").asLong();
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return 0;
      }
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    admin.close();
    search.close();
  }
}
