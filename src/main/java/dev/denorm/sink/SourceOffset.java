package dev.denorm.sink;

/**
 * Where an action was read from, and the timestamp of the oldest change behind it (-1 if the
 * record does not say): it travels with the action through the bulk writer.
 */
record SourceOffset(String topic, int partition, long offset, long changedMs) {}
