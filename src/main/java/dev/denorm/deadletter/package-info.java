/**
 * Dead letters, the one place for them: the header scheme every dead letter carries, the handler that
 * sets aside change events that cannot be decoded, the sink's writer of documents the engine rejects,
 * and the tail that counts them for the status page.
 */
package dev.denorm.deadletter;
