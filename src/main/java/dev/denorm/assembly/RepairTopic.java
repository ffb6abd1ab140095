package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.DocumentIndex;

/**
 * Requests to re-emit documents as the pipeline holds them now ({@code verify --repair}): one
 * topic per index, {@code <application.id>-<index>-repair}, read by the index's assembling tasks.
 * It has as many partitions as the index's routing topics, and a request goes to the partition
 * that holds the document's rows: key = the document id as the stores key it, value empty.
 */
public final class RepairTopic {

  private RepairTopic() {}

  public static String name(String applicationId, String index) {
    return applicationId + "-" + index + "-repair";
  }

  /** The request's key: the document's key as the stores key it. */
  public static byte[] key(RowKey document) {
    return document.bytes();
  }

  /** The partition of the document's rows, of {@code partitions} (the routing topics' count). */
  public static int partition(RowKey document, int partitions) {
    return RoutePartitioner.partition(document.bytes(), partitions);
  }

  /** The document a request names; null when its key is no key of the index's root. */
  static RowKey documentKey(byte[] key, DocumentIndex<?> index) {
    try {
      var document = RowKey.fromBytes(key);
      return document.size() == index.plan().root().table().keyColumns().size() ? document : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
