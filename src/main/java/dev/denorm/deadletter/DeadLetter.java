package dev.denorm.deadletter;

/**
 * A document the sink cannot write, and why.
 *
 * @param index the index (alias) it was meant for
 * @param id the document id
 * @param errorType the engine's error {@code type}, or the sink's own (decode_error, conversion_error)
 * @param reason a short human explanation; never the document, though the engine's may quote its values
 *     (data, kept with the document in the letter's header; never logged or shown on the status page). It is
 *     the engine's answer about the document or the decoder's about the record, so no setting's value is in it
 * @param value the bytes to keep: the document JSON, or the undecodable record value; null for none
 *     (a delete, or a document too large to carry)
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 */
public record DeadLetter(String index, String id, String errorType, String reason, byte[] value, String topic,
    int partition, long offset) {

  /**
   * {@code <topic>-<partition>@<offset>/<index>} ({@link DeadLetterKey}): one record of a document
   * topic may be written to two indexes (the live one and one being built).
   */
  public String key() {
    return DeadLetterKey.of(topic, partition, offset) + "/" + index;
  }
}
