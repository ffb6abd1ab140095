package dev.denorm.assembly;

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

  public static byte[] key(long documentId) {
    return Keys.of(documentId);
  }

  /** The partition of the document's rows, of {@code partitions} (the routing topics' count). */
  public static int partition(long documentId, int partitions) {
    return RoutePartitioner.partition(documentId, partitions);
  }

  static long documentId(byte[] key) {
    return Keys.id(key, 0);
  }
}
