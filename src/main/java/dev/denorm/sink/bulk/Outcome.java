package dev.denorm.sink.bulk;

/** What one bulk item's result means for the sink. */
public enum Outcome {
  /** Written. */
  SUCCESS,
  /** The engine already holds a newer or equal version: the write is already covered. */
  STALE,
  /** A transient failure (overload, unavailable shard, missing index or rights): send again later. */
  RETRY,
  /** The engine rejects this document for good (mapping, parse): it goes to the dead-letter topic. */
  REJECT
}
