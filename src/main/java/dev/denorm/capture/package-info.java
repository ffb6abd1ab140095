/**
 * Watches of the capture side while the application runs: the Debezium connector through Connect's
 * REST API, the WAL its replication slot holds, and the change topics the application reads.
 */
package dev.denorm.capture;
