package dev.denorm.sink.bulk;

import dev.denorm.testing.ElasticsearchNode;
import dev.denorm.testing.EmbeddedOpenSearch;
import dev.denorm.testing.SearchEngineUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Captures the _bulk response bodies that {@code BulkResponseParserTest} classifies, from the real
 * engines, into src/test/resources/dev/denorm/sink/bulk/. Run it again after an engine upgrade:
 * {@code mvn -q -B test-compile exec:exec@capture-bulk-responses}.
 */
public final class CaptureBulkResponses {

  private static final Path OUT = Path.of("src/test/resources/dev/denorm/sink/bulk");

  public static void main(String[] args) throws Exception {
    try (var opensearch = EmbeddedOpenSearch.start()) {
      capture(opensearch, "opensearch");
    }
    try (var elasticsearch = ElasticsearchNode.start()) {
      capture(elasticsearch, "elasticsearch");
    }
  }

  private static void capture(SearchEngineUnderTest engine, String prefix) throws IOException {
    try (var client = RestClient.builder(HttpHost.create(engine.url())).build()) {
      send(client, "PUT", "/items-v1", """
          {"settings":{"number_of_shards":1,"number_of_replicas":0},
           "mappings":{"dynamic":"strict","properties":{"id":{"type":"long"},"name":{"type":"keyword"}}},
           "aliases":{"items":{}}}""");
      String ok = send(client, "POST", "/_bulk", bulk(
          """
          {"index":{"_index":"items","_id":"1","version":5,"version_type":"external"}}
          {"id":1,"name":"one"}
          {"index":{"_index":"items","_id":"2","version":6,"version_type":"external"}}
          {"id":2,"name":"two"}
          """));
      Files.writeString(OUT.resolve(prefix + "-all-written.json"), ok);
      String mixed = send(client, "POST", "/_bulk", bulk(
          """
          {"index":{"_index":"items","_id":"3","version":7,"version_type":"external"}}
          {"id":3,"name":"three"}
          {"index":{"_index":"items","_id":"1","version":4,"version_type":"external"}}
          {"id":1,"name":"stale"}
          {"index":{"_index":"items","_id":"4","version":8,"version_type":"external"}}
          {"id":"not a number","name":"four"}
          {"index":{"_index":"items","_id":"5","version":9,"version_type":"external"}}
          {"id":5,"name":"five","unknown_field":true}
          {"delete":{"_index":"items","_id":"404","version":10,"version_type":"external"}}
          {"delete":{"_index":"items","_id":"2","version":11,"version_type":"external"}}
          {"index":{"_index":"missing","_id":"6","version":12,"version_type":"external"}}
          {"id":6,"name":"six"}
          """));
      Files.writeString(OUT.resolve(prefix + "-mixed.json"), mixed);
      send(client, "DELETE", "/items-v1", null);
    }
  }

  private static String bulk(String body) {
    return body;
  }

  private static String send(RestClient client, String method, String path, String body) throws IOException {
    var request = new Request(method, path);
    if (body != null) {
      request.setEntity(new StringEntity(body, path.equals("/_bulk")
          ? ContentType.create("application/x-ndjson") : ContentType.APPLICATION_JSON));
    }
    return EntityUtils.toString(client.performRequest(request).getEntity());
  }
}
