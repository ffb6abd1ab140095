/**
 * How the application's state stores use memory: one RocksDB block cache and write buffer manager
 * shared by every store of the JVM, so off-heap memory is bounded however large the state grows.
 */
package dev.denorm.state;
