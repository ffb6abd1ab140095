/**
 * Pure conversion of a document (or a tombstone) into a bulk action with the document's JSON as
 * docs/documents.md specifies it. No I/O, no Kafka, no HTTP.
 */
package dev.denorm.sink.convert;
