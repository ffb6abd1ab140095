package dev.denorm.sink;

/** Where an action was read from: it travels with the action through the bulk writer. */
record SourceOffset(String topic, int partition, long offset) {}
