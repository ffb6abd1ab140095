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

  /** Approximate size in the _bulk body, for batching by bytes. */
  int sizeInBytes();
}
