package dev.denorm.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A key's text form, the document {@code _id}: one column's canonical text (integers in decimal,
 * text as is, uuid in lower case, a date {@code YYYY-MM-DD}, a timestamp as {@code pg_temp.ts}
 * writes it: {@code 2024-05-01T10:00:00.000000Z}); several columns' texts each with {@code %}
 * written {@code %25} and {@code ,} written {@code %2C}, joined by {@code ,}.
 */
final class DocumentIdText {

  /** How a timestamp reads in a document id: as the documents' JSON and pg_temp.ts write it. */
  static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private DocumentIdText() {}

  /** The id of a key of these column values (as {@link RowKey#values()} gives them). */
  static String of(List<Object> values) {
    if (values.size() == 1) {
      return text(values.get(0));
    }
    var joined = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        joined.append(',');
      }
      joined.append(text(values.get(i)).replace("%", "%25").replace(",", "%2C"));
    }
    return joined.toString();
  }

  /** The column texts of a document id of {@code columns} columns (the inverse of {@link #of}). */
  static List<String> parts(String text, int columns) {
    if (columns == 1) {
      return List.of(text);
    }
    String[] parts = text.split(",", -1);
    if (parts.length != columns) {
      throw new IllegalArgumentException("'" + text + "' has " + parts.length + " parts, the key has " + columns
          + " columns (joined by ',', each with '%' as %25 and ',' as %2C)");
    }
    var unescaped = new ArrayList<String>();
    for (String part : parts) {
      unescaped.add(part.replace("%2C", ",").replace("%2c", ",").replace("%25", "%"));
    }
    return unescaped;
  }

  private static String text(Object value) {
    return switch (value) {
      case Instant instant -> TIMESTAMP_TEXT.format(instant);
      case LocalDateTime local -> LOCAL_TIMESTAMP_TEXT.format(local);
      case BigDecimal decimal -> decimal.toPlainString();
      default -> value.toString();
    };
  }
}
