package dev.denorm.sink.bulk;

/**
 * One item of a _bulk response.
 *
 * @param status the item's HTTP status
 * @param errorType the error's {@code type} field, or null on success
 * @param reason the error's {@code reason}, or null on success
 */
public record ItemResult(int status, String errorType, String reason) {

  public static final ItemResult OK = new ItemResult(200, null, null);

  /**
   * The writer's own error type for an action no request can carry: larger than the batch bound
   * (before sending), or answered 413 when sent alone. Rejected for good, like the engine's own.
   */
  public static final String TOO_LARGE = "too_large";

  /**
   * The writer's own error type for an action whose document id is longer than the engines take
   * (512 bytes of UTF-8): the whole request would be refused, so the action is rejected alone.
   */
  public static final String ID_TOO_LONG = "id_too_long";

  /** Bytes of UTF-8 an _id may have in Elasticsearch and OpenSearch. */
  public static final int MAX_ID_BYTES = 512;

  static ItemResult idTooLong(String reason) {
    return new ItemResult(400, ID_TOO_LONG, reason);
  }

  static ItemResult tooLarge(String reason) {
    return new ItemResult(413, TOO_LARGE, reason);
  }

  public Outcome outcome() {
    return ErrorClassifier.classify(status, errorType);
  }
}
