package dev.denorm.tools.bench;

import java.util.LinkedHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.SinkSettings;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.sink.bulk.BulkBody;
import dev.denorm.sink.convert.IndexAction;
import dev.denorm.sink.engine.EngineIndexManager;
import dev.denorm.verify.OracleQuery;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;

/**
 * The search engine alone: the shop's documents as the oracle SQL builds them (the documents the
 * backfill will index) as pre-built {@code _bulk} bodies, 1000 actions each, 2 requests in flight
 * (the sink's defaults), into fresh {@code ceiling-<index>} indexes with the settings and mappings
 * the application gives its own; deleted afterwards. It runs before the backfill, as the capture
 * ceiling does: the documents are sent once untimed (the engine's JIT warms up on them), the indexes
 * made anew, and sent again, timed. So the ceiling is the warm engine's, and the backfill meets an
 * engine that has indexed before, as a long-running one has.
 */
final class EngineCeiling {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 1000;
  private static final int IN_FLIGHT = 2;
  private final Search search;
  private final SinkSettings sink;
  /** Each ceiling index, with the body it is created from. */
  private final Map<String, String> indexes = new LinkedHashMap<>();
  /** The engine's indexing, refresh and merge times for the ceiling's indexes (after run). */
  private Map<String, Long> times = Map.of();

  /** With the application's own shards, replicas and index settings ({@code denorm.sink.index.*}). */
  EngineCeiling(Search search, SinkSettings sink) {
    this.search = search;
    this.sink = sink;
  }

  Map<String, Long> times() {
    return times;
  }

  /** Documents per second; {@code count} receives the number of documents sent. */
  double run(Connection shop, Indexes of, long[] count) throws Exception {
    var manager = new EngineIndexManager(search.client(), sink);
    var bodies = new ArrayList<byte[]>();
    var batch = new ArrayList<IndexAction>(BATCH);
    try {
      OracleQuery.forEach(shop, of, new OracleQuery.Visitor() {
        private String index;

        @Override
        public void index(DocumentIndex<?> documents) throws IOException {
          index = "ceiling-" + documents.name();
          indexes.put(index, JSON.writeValueAsString(manager.indexBody(documents.name(), documents.documentSerde().schema())));
        }

        @Override
        public void document(String id, JsonNode document) throws IOException {
          batch.add(new IndexAction(index, id, 1, JSON.writeValueAsBytes(document), null));
          count[0]++;
          if (batch.size() == BATCH) {
            flush();
          }
        }

        @Override
        public void end(DocumentIndex<?> documents) {
          flush();
        }

        /** The batch as one _bulk body (one per index at least: an action names its index). */
        private void flush() {
          if (!batch.isEmpty()) {
            bodies.add(BulkBody.of(batch));
            batch.clear();
          }
        }
      });
      create();
      PrebuiltBulk.send(search.client(), bodies, IN_FLIGHT);
      create();
      long start = System.nanoTime();
      PrebuiltBulk.send(search.client(), bodies, IN_FLIGHT);
      double docsPerSecond = count[0] / ((System.nanoTime() - start) / 1e9);
      times = search.engineTimes(indexes.keySet());
      return docsPerSecond;
    } catch (SQLException e) {
      throw new IOException("the oracle SQL did not give the ceiling's documents: " + e.getMessage(), e);
    } finally {
      delete();
    }
  }

  /** The ceiling's indexes, empty. */
  private void create() throws IOException {
    delete();
    for (var index : indexes.entrySet()) {
      search.json("PUT", "/" + index.getKey(), index.getValue());
    }
  }

  private void delete() throws IOException {
    if (!indexes.isEmpty()) {
      search.json("DELETE", "/" + String.join(",", indexes.keySet()) + "?ignore_unavailable=true", null);
    }
  }
}
