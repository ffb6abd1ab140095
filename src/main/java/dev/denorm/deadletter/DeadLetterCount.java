package dev.denorm.deadletter;

/** Dead letters in a topic (since its retention), and the newest one's reason. */
public record DeadLetterCount(long count, String lastReason) {

  public static final DeadLetterCount NONE = new DeadLetterCount(0, null);
}
