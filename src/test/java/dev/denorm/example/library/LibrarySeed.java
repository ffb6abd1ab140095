package dev.denorm.example.library;

import dev.denorm.tools.stack.ReferenceSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A library, the same every time. At scale 1 (what LibraryIT seeds): 6 countries, 10 publishers (one without a
 * country), 30 authors (every 7th soft-deleted), 120 books (every 5th a draft, every 11th soft-deleted), 241
 * editions (every 6th inactive, every 9th without a publisher, one isbn with ',' and '%'), 40 members, 362 loans
 * (a third open), 12 tags (slugs whose byte order differs from a language's: '10', '9', 'Classic', 'apple',
 * 'éclair'; one on no book) and 258 book tags. Uuids are md5 of a name ({@code md5('book-7')::uuid}), so tests
 * can name rows.
 *
 * <p>At scale s (the library benchmark's) every table but the countries has s times the rows, by the same rules:
 * 10·s publishers (every 10th without a country), 30·s authors, 120·s books, two editions a book, 40·s members,
 * loans as above, and 11·s tags on books (the 11 named ones and {@code tag-11} ... ), so a tag is on about 25 books
 * at any scale while a country's publishers publish more books as the scale grows.
 */
public final class LibrarySeed {

  /** The library schema of schema.sql next to this class. */
  public static final String SCHEMA = ReferenceSchema.resource("/dev/denorm/example/library/schema.sql");

  private static final String ROWS = """
      INSERT INTO library.countries VALUES ('GB', 'United Kingdom'), ('US', 'United States'), ('FR', 'France'),
        ('DE', 'Germany'), ('JP', 'Japan'), ('NO', 'Norway');
      INSERT INTO library.publishers
      SELECT 'pub-' || lpad(i::text, {publisherDigits}, '0'), 'Publisher ' || i,
             CASE WHEN i % 10 = 0 THEN NULL ELSE (ARRAY['GB', 'US', 'FR', 'DE', 'JP', 'NO'])[1 + i % 6] END
      FROM generate_series(1, {publishers}) i;
      INSERT INTO library.authors
      SELECT md5('author-' || i)::uuid, 'Author ' || i,
             CASE WHEN i % 7 = 0 THEN timestamptz '2026-01-01 00:00:00Z' + i * interval '1 hour 1.000001 second' END
      FROM generate_series(1, {authors}) i;
      INSERT INTO library.books
      SELECT md5('book-' || i)::uuid, md5('author-' || (1 + i % {authors}))::uuid, 'Book ' || i || ' ✓',
             CASE WHEN i % 5 = 0 THEN 'draft' ELSE 'published' END,
             CASE WHEN i % 11 = 0 THEN timestamptz '2026-02-01 00:00:00Z' + i * interval '1 minute' END
      FROM generate_series(1, {books}) i;
      INSERT INTO library.editions
      SELECT '978-' || lpad(i::text, {bookDigits}, '0') || '-' || e, md5('book-' || i)::uuid,
             (ARRAY['hardcover', 'paperback', 'ebook'])[1 + (i + e) % 3],
             CASE WHEN (i + e) % 9 = 0 THEN NULL
                  ELSE 'pub-' || lpad((1 + (i * e) % {publishers})::text, {publisherDigits}, '0') END,
             (i + e) % 6 <> 0
      FROM generate_series(1, {books}) i, generate_series(1, 2) e;
      -- an isbn with the characters a composite document id escapes
      INSERT INTO library.editions VALUES ('odd,isbn%1', md5('book-1')::uuid, 'audio', 'pub-{firstPublisher}', true);
      INSERT INTO library.members SELECT i, 'Member ' || i FROM generate_series(1, {members}) i;
      INSERT INTO library.loans
      SELECT e.isbn, 1 + (n * 7 + k) % {members}, date '2025-12-20' + (n % 50) + 3 * k,
             CASE WHEN (n + k) % 3 = 0 THEN NULL ELSE date '2025-12-20' + (n % 50) + 3 * k + 14 END
      FROM (SELECT isbn, row_number() OVER (ORDER BY isbn)::int n FROM library.editions) e, generate_series(0, 1) k
      WHERE (e.n + k) % 4 <> 0;
      INSERT INTO library.tags VALUES ('sci-fi', 'Science fiction'), ('Classic', 'Classic'), ('apple', 'Apples'),
        ('Zebra', 'Zebras'), ('éclair', 'Pastry'), ('a_b', 'A and B'), ('10', 'Ten'), ('9', 'Nine'),
        ('poetry', 'Poetry'), ('history', 'History'), ('kids', 'Children'), ('unused', 'Never tagged');
      INSERT INTO library.tags SELECT 'tag-' || k, 'Tag ' || k FROM generate_series(11, {tags} - 1) k;
      INSERT INTO library.book_tags
      SELECT DISTINCT md5('book-' || i)::uuid,
             CASE WHEN (i * j) % {tags} < 11
                  THEN (ARRAY['sci-fi', 'Classic', 'apple', 'Zebra', 'éclair', 'a_b', '10', '9', 'poetry', 'history', 'kids'])[1 + (i * j) % {tags}]
                  ELSE 'tag-' || (i * j) % {tags} END
      FROM generate_series(1, {books}) i, generate_series(1, 3) j
      WHERE (i + j) % 4 <> 0;
      """;

  private LibrarySeed() {}

  /** Creates the library schema and fills it with the library of scale 1. */
  public static void fill(Connection connection) throws SQLException {
    fill(connection, 1);
  }

  /** Creates the library schema and fills it with {@code scale} times the rows of scale 1 (the countries aside). */
  public static void fill(Connection connection, int scale) throws SQLException {
    if (scale < 1) {
      throw new IllegalArgumentException("the library's scale is a whole number from 1, not " + scale);
    }
    int publishers = 10 * scale;
    int books = 120 * scale;
    int publisherDigits = Math.max(2, Integer.toString(publishers).length());
    String rows = ROWS.replace("{publishers}", Integer.toString(publishers))
        .replace("{publisherDigits}", Integer.toString(publisherDigits))
        .replace("{firstPublisher}", "0".repeat(publisherDigits - 1) + "1")
        .replace("{authors}", Integer.toString(30 * scale))
        .replace("{books}", Integer.toString(books))
        .replace("{bookDigits}", Integer.toString(Math.max(4, Integer.toString(books).length())))
        .replace("{members}", Integer.toString(40 * scale))
        .replace("{tags}", Integer.toString(11 * scale));
    try (var st = connection.createStatement()) {
      st.execute(SCHEMA);
      st.execute(rows);
    }
  }
}
