package dev.denorm.cdc;

/**
 * Debezium reported a TRUNCATE (op {@code t}). Not a malformed event: a well-formed one this
 * version cannot apply. A truncate carries no keys, so the documents built from the table cannot
 * be deleted one by one here: the operator must re-snapshot the table.
 */
public final class TruncateEventException extends RuntimeException {

  public TruncateEventException(String table) {
    super("TRUNCATE of table " + table + ": its rows are gone in PostgreSQL but not in the state stores"
        + " and indexes. Action required: re-snapshot the table (Debezium incremental snapshot via a"
        + " signal, or a new connector with snapshot.mode=initial) after resetting this application"
        + " (kafka-streams-application-reset) and reindexing.");
  }
}
