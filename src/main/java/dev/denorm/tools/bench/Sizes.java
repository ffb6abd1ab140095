package dev.denorm.tools.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;

/**
 * What the pipeline keeps on disk besides the app's state directory, for sizing: the broker's
 * log directories by kind of topic, and the engine's index store.
 */
final class Sizes {

  private Sizes() {}

  /**
   * Bytes in the brokers' log directories per kind of topic: change topics (the source prefix),
   * denorm's own internal topics (its application.id), document topics, everything else.
   */
  static Map<String, Long> kafka(Admin admin, String changePrefix, String applicationId, String documentPrefix)
      throws ExecutionException, InterruptedException {
    var brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
    var bytes = new LinkedHashMap<String, Long>();
    for (var kind : new String[] {"change topics", "internal topics", "document topics", "other topics"}) {
      bytes.put(kind, 0L);
    }
    admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir ->
        dir.replicaInfos().forEach((partition, replica) -> {
          String topic = partition.topic();
          String kind = topic.startsWith(changePrefix) ? "change topics"
              : topic.startsWith(applicationId + "-") ? "internal topics"
              : topic.startsWith(documentPrefix) ? "document topics" : "other topics";
          bytes.merge(kind, replica.size(), Long::sum);
        })));
    return bytes;
  }

  /** Bytes of the primaries' store of these indexes (or aliases). */
  static long engine(Search search, Iterable<String> indexes) throws IOException {
    return search.json("GET", "/" + String.join(",", indexes) + "/_stats/store", null)
        .path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
  }
}
