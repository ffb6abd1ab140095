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

  public Outcome outcome() {
    return ErrorClassifier.classify(status, errorType);
  }
}
