package dev.denorm.reconcile;

import dev.denorm.cdc.RowKey;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The source table's rows, asked by key: which keys it no longer has, and the condition that names
 * some keys in an incremental snapshot's signal. Each key value goes as text cast to its column's
 * own type, so the primary key's index answers: {@code unnest(?::text[]) ... k.c0::bigint}.
 */
final class SourceRows implements DeletePass.Rows {

  /** Keys asked in one query. */
  static final int BATCH = 1_000;
  private final Connection database;
  private final String qualified;
  private final List<String> columns;
  private final List<String> types;

  private SourceRows(Connection database, String qualified, List<String> columns, List<String> types) {
    this.database = database;
    this.qualified = qualified;
    this.columns = columns;
    this.types = types;
  }

  /**
   * The table {@code schema.table} keyed by {@code columns} (its primary key, in key order).
   *
   * @throws IllegalStateException when the table or a key column is not there
   */
  static SourceRows of(Connection database, String schema, String table, List<String> columns) throws SQLException {
    var types = new HashMap<String, String>();
    try (var query = database.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
        + " FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?))"
        + " AND a.attnum > 0 AND NOT a.attisdropped")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    var missing = columns.stream().filter(c -> !types.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(types.isEmpty() ? "the source database has no table " + schema + "." + table
          : "the source table " + schema + "." + table + " has no column " + missing + " of its key " + columns);
    }
    return new SourceRows(database, identifier(schema) + "." + identifier(table), List.copyOf(columns),
        columns.stream().map(types::get).toList());
  }

  /** The keys, of those given, that the table has no row of, in the order given. */
  @Override
  public List<RowKey> absent(List<RowKey> keys) throws SQLException {
    var absent = new ArrayList<RowKey>();
    try (var query = database.prepareStatement(absentQuery())) { // one statement: prepared on the server once
      for (int from = 0; from < keys.size(); from += BATCH) {
        var batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
        var texts = new String[columns.size()][batch.size()];
        for (int k = 0; k < batch.size(); k++) {
          var values = batch.get(k).values();
          for (int c = 0; c < columns.size(); c++) {
            texts[c][k] = text(values.get(c));
          }
        }
        for (int c = 0; c < columns.size(); c++) {
          query.setArray(c + 1, database.createArrayOf("text", texts[c]));
        }
        try (var rows = query.executeQuery()) {
          while (rows.next()) {
            absent.add(batch.get((int) rows.getLong(1) - 1));
          }
        }
      }
    }
    return absent;
  }

  /** {@code SELECT k.i FROM unnest(?::text[], ..) WITH ORDINALITY k(c0, .., i) WHERE NOT EXISTS (the row)}. */
  String absentQuery() {
    var arrays = IntStream.range(0, columns.size()).mapToObj(c -> "?::text[]").collect(Collectors.joining(", "));
    var names = IntStream.range(0, columns.size()).mapToObj(c -> "c" + c).collect(Collectors.joining(", "));
    var match = IntStream.range(0, columns.size())
        .mapToObj(c -> "t." + identifier(columns.get(c)) + " = k.c" + c + "::" + types.get(c))
        .collect(Collectors.joining(" AND "));
    return "SELECT k.i FROM unnest(" + arrays + ") WITH ORDINALITY AS k(" + names + ", i) WHERE NOT EXISTS (SELECT 1 FROM "
        + qualified + " t WHERE " + match + ") ORDER BY k.i";
  }

  /**
   * A condition naming exactly these keys, for an incremental snapshot's {@code additional-conditions}:
   * {@code "id" IN ('7'::bigint)}, {@code ("a", "b") IN (('1'::bigint, 'x'::text))}.
   */
  @Override
  public String condition(List<RowKey> keys) {
    boolean one = columns.size() == 1;
    var names = columns.stream().map(SourceRows::identifier).collect(Collectors.joining(", "));
    var tuples = keys.stream().map(key -> {
      var values = key.values();
      var literals = IntStream.range(0, columns.size()).mapToObj(c -> literal(text(values.get(c))) + "::" + types.get(c))
          .collect(Collectors.joining(", "));
      return one ? literals : "(" + literals + ")";
    }).collect(Collectors.joining(", "));
    return (one ? names : "(" + names + ")") + " IN (" + tuples + ")";
  }

  /** A key value as PostgreSQL reads it into the column's type (ISO dates and timestamps, plain numbers). */
  static String text(Object value) {
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }

  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
