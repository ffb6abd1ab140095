package dev.denorm.position;

import java.util.Locale;

/** PostgreSQL's WAL position type {@code pg_lsn}: its text {@code 16/B374D848} and the 64-bit number it stands for. */
public final class Lsn {

  private Lsn() {}

  /**
   * The number of an LSN's text: two hexadecimal halves of up to 8 digits, split by a slash.
   *
   * @throws IllegalArgumentException naming the text and the form expected
   */
  public static long parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
      throw new IllegalArgumentException("'" + text + "' is no PostgreSQL LSN: expected two hexadecimal numbers of up to "
          + "8 digits split by a slash, as pg_current_wal_insert_lsn() returns, e.g. 16/B374D848");
    }
    try {
      long high = Long.parseLong(text.substring(0, slash), 16);
      long low = Long.parseLong(text.substring(slash + 1), 16);
      return high << 32 | low;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is no PostgreSQL LSN: its halves must be hexadecimal, e.g. "
          + "16/B374D848", e);
    }
  }

  /** The text PostgreSQL writes for the number. */
  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/" + Long.toHexString(lsn & 0xFFFFFFFFL)
        .toUpperCase(Locale.ROOT);
  }
}
