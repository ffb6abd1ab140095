/**
 * How the application's state stores are built and use memory: one RocksDB block cache and write
 * buffer manager shared by every store of the JVM, and the builder of stores that keep nothing.
 */
package dev.denorm.state;
