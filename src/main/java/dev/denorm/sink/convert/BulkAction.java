package dev.denorm.sink.convert;

/**
 * One line pair of a _bulk request. Every action carries an external version that only grows for
 * its document, so a replay can never put an older document over a newer one.
 */
public sealed interface BulkAction permits IndexAction, DeleteAction {

  /** The index or alias written to. */
  String index();

  /** The document id. */
  String id();

  /** The external version (version_type=external). */
  long version();

  /** The same action for another index (the copy for an index being built). */
  BulkAction to(String otherIndex);

  /** Approximate size in the _bulk body, for batching by bytes. */
  int sizeInBytes();

  /**
   * Bytes of an action's metadata line besides its index, id and pipeline, e.g.
   * {@code {"index":{"_index":"","_id":"","version":1795603700895,"version_type":"external"}}} and
   * the newline: an estimate for batching by size, not an exact count.
   */
  int METADATA_LINE_OVERHEAD = 80;
}
