/**
 * Watches of the capture side while the application runs: the Debezium connector through Connect's
 * REST API, the WAL its replication slot holds, and the change topics the application reads; and
 * the connector's registration there ({@link dev.denorm.capture.ConnectorRegistration}), which the
 * embedded stack and {@code resnapshot} use.
 */
package dev.denorm.capture;
