package dev.denorm.sink;

/**
 * A document the sink cannot write, and why.
 *
 * @param index the index (alias) it was meant for
 * @param id the document id
 * @param errorType the engine's error {@code type}, or the sink's own (decode_error, conversion_error)
 * @param reason a short human explanation; never the document
 * @param value the bytes to keep: the document JSON, or the undecodable record value
 * @param source where it was read from
 */
record DeadLetter(String index, String id, String errorType, String reason, byte[] value, SourceOffset source) {}
