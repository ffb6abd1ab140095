package dev.denorm.example.library;

import static dev.denorm.testing.ShopRows.row;

import dev.denorm.testing.ShopRows.Row;
import java.time.LocalDate;
import java.util.Map;

/**
 * Rows of the library (schema.sql) as Debezium's JSON shows them: uuids and texts as strings, a date as its
 * epoch day, a timestamptz as ISO-8601. Each builder gives a complete row; override columns with
 * {@link Row#with}. Uuids are written out, in the lower-case canonical text PostgreSQL sends.
 */
final class LibraryRows {

  static final String DELETED_AT = "2026-04-01T12:00:00.000001Z";

  private LibraryRows() {}

  static Row country(String code, String name) {
    return row("code", code, "name", name);
  }

  static Row publisher(String code, String name, String countryCode) {
    return row("code", code, "name", name, "country_code", countryCode);
  }

  static Row author(String id, String name) {
    return row("id", id, "name", name, "deleted_at", null);
  }

  static Row book(String id, String authorId, String title) {
    return row("id", id, "author_id", authorId, "title", title, "status", "published", "deleted_at", null);
  }

  static Row edition(String isbn, String bookId, String format, String publisherCode) {
    return row("isbn", isbn, "book_id", bookId, "format", format, "publisher_code", publisherCode, "active", true);
  }

  static Row member(int id, String name) {
    return row("id", id, "name", name);
  }

  static Row loan(String isbn, int memberId, String loanedOn, String returnedOn) {
    return row("isbn", isbn, "member_id", memberId, "loaned_on", day(loanedOn),
        "returned_on", returnedOn == null ? null : day(returnedOn));
  }

  /** The key of a loan, for a delete. */
  static Map<String, Object> loanKey(String isbn, int memberId, String loanedOn) {
    return row("isbn", isbn, "member_id", memberId, "loaned_on", day(loanedOn));
  }

  static Row tag(String slug, String label) {
    return row("slug", slug, "label", label);
  }

  static Row bookTag(String bookId, String tagSlug) {
    return row("book_id", bookId, "tag_slug", tagSlug);
  }

  /** A date column as Debezium's JSON sends it: days since 1970-01-01. */
  static int day(String isoDate) {
    return (int) LocalDate.parse(isoDate).toEpochDay();
  }
}
