package dev.denorm.cdc;

import org.apache.avro.specific.SpecificRecord;

/**
 * A row of a captured table before and after one change: {@code before} null for an insert,
 * {@code after} null for a delete. Both are whole rows (unchanged TOASTed columns filled in).
 */
public record RowUpdate<R extends SpecificRecord>(R before, R after) {}
