/**
 * The bulk writer: batches actions into _bulk requests by count, bytes and linger time, bounds the
 * requests in flight, retries with backoff, and classifies per-item errors. Knows only HTTP.
 */
package dev.denorm.sink.bulk;
