package dev.denorm.sink.bulk;

import java.util.Set;

/**
 * Classifies a bulk item by its error's {@code type} field, never by the message text. Types not
 * listed fall back to the status: 429 and 5xx are retried, other 4xx are rejected (dead letter).
 */
public final class ErrorClassifier {

  /** The engine holds a newer or equal external version: our write is already covered. */
  static final String VERSION_CONFLICT = "version_conflict_engine_exception";

  /** Transient, or the setup needs a fix rather than the document: retrying loses nothing. */
  static final Set<String> RETRY = Set.of(
      "es_rejected_execution_exception", // ES: write thread pool queue full (429)
      "rejected_execution_exception", // OpenSearch's name for the same
      "circuit_breaking_exception",
      "unavailable_shards_exception",
      "no_shard_available_action_exception",
      "node_not_connected_exception",
      "node_closed_exception",
      "cluster_block_exception", // e.g. read-only after the flood-stage disk watermark
      "index_not_found_exception", // alias or index removed under us: fix the setup, nothing is lost
      "security_exception", // rights revoked: fix the role, nothing is lost
      "process_cluster_event_timeout_exception",
      "receive_timeout_transport_exception");

  /** The document itself is wrong for this index: retrying cannot fix it. */
  static final Set<String> REJECT = Set.of(
      "mapper_parsing_exception",
      "document_parsing_exception", // ES 8.7+ name for parse errors of a document
      "strict_dynamic_mapping_exception",
      "illegal_argument_exception",
      "parse_exception",
      "x_content_parse_exception",
      "json_parse_exception",
      "action_request_validation_exception",
      "ingest_processor_exception",
      "document_source_missing_exception",
      ItemResult.TOO_LARGE, // the writer's own: no request can carry the action
      ItemResult.ID_TOO_LONG); // the writer's own: an engine refuses the whole request

  private ErrorClassifier() {}

  public static Outcome classify(int status, String errorType) {
    if (errorType == null) {
      if (status >= 200 && status < 300) {
        return Outcome.SUCCESS;
      }
      // A delete of a missing document answers 404 "not_found" without an error object.
      if (status == 404) {
        return Outcome.SUCCESS;
      }
      return retriable(status) ? Outcome.RETRY : Outcome.REJECT;
    }
    if (VERSION_CONFLICT.equals(errorType)) {
      return Outcome.STALE;
    }
    if (RETRY.contains(errorType)) {
      return Outcome.RETRY;
    }
    if (REJECT.contains(errorType)) {
      return Outcome.REJECT;
    }
    return retriable(status) ? Outcome.RETRY : Outcome.REJECT;
  }

  /**
   * Whether an engine's HTTP answer says "ask again later": 429 (too many requests, a circuit
   * breaker) or any 5xx (busy, a node restarting, a proxy in front of it). Every client of the
   * engine follows this one rule: the sink per item and per request, verify per request.
   */
  public static boolean retriable(int status) {
    return status == 429 || status >= 500;
  }
}
