package dev.denorm.deadletter;

/**
 * Dead letters in a topic (since its retention), and what the newest one is: its error type and
 * where it was read from ({@code mapper_parsing_exception at documents.orders-0@42}), never its
 * reason, which may quote the record's values: that stays in the letter's headers.
 */
public record DeadLetterCount(long count, String lastError) {

  public static final DeadLetterCount NONE = new DeadLetterCount(0, null);
}
