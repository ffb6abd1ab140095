/**
 * The search-engine sink: a sub-topology that reads the per-index document topics and keeps the
 * search indexes equal to them with batched, externally versioned, at-least-once _bulk writes.
 */
package dev.denorm.sink;
