package dev.denorm.cdc;

import java.util.List;

/**
 * A change event lacks a column the row schema needs, or carries it as another JSON type: the
 * table changed shape in PostgreSQL (a column dropped, renamed or retyped) in a way the indexes
 * cannot read. Not a bad event to set aside: every later event of the table would be read the
 * same way, so the application stops at it, and resumes there once the topology matches.
 */
public final class IncompatibleColumnException extends MalformedChangeException {

  public IncompatibleColumnException(String table, List<String> indexes, String column, String problem) {
    super("column " + column + " of table " + table + " " + problem + ": the table changed shape in PostgreSQL in a"
        + " way the indexes " + indexes + " that read it cannot follow. The application stops here and loses"
        + " nothing: the event and every one after it are applied once it starts again with a topology that"
        + " matches. To go on, either restore the column in PostgreSQL, or change the topology: remove or retype"
        + " " + column + " in the table's row schema (avsc), the documents and their oracle SQL, then start again"
        + " (the start says if the change needs a reset). To keep other indexes running meanwhile, run them in an"
        + " application of their own (denorm.indexes, application.id).");
  }
}
