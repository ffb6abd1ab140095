package dev.denorm.example.library;

import dev.denorm.tools.stack.ReferenceSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A small library, the same every time: 6 countries, 10 publishers (one without a country), 30 authors
 * (every 7th soft-deleted), 120 books (every 5th a draft, every 11th soft-deleted), 241 editions (every 6th
 * inactive, every 9th without a publisher, one isbn with ',' and '%'), 40 members, 362 loans (a third open),
 * 12 tags (slugs whose byte order differs from a language's: '10', '9', 'Classic', 'apple', 'éclair';
 * one on no book) and 258 book tags. Uuids are md5 of a name ({@code md5('book-7')::uuid}), so tests can
 * name rows.
 */
public final class LibrarySeed {

  /** The library schema of schema.sql next to this class. */
  public static final String SCHEMA = ReferenceSchema.resource("/dev/denorm/example/library/schema.sql");

  private static final String ROWS = """
      INSERT INTO library.countries VALUES ('GB', 'United Kingdom'), ('US', 'United States'), ('FR', 'France'),
        ('DE', 'Germany'), ('JP', 'Japan'), ('NO', 'Norway');
      INSERT INTO library.publishers
      SELECT 'pub-' || lpad(i::text, 2, '0'), 'Publisher ' || i,
             CASE WHEN i = 10 THEN NULL ELSE (ARRAY['GB', 'US', 'FR', 'DE', 'JP', 'NO'])[1 + i % 6] END
      FROM generate_series(1, 10) i;
      INSERT INTO library.authors
      SELECT md5('author-' || i)::uuid, 'Author ' || i,
             CASE WHEN i % 7 = 0 THEN timestamptz '2026-01-01 00:00:00Z' + i * interval '1 hour 1.000001 second' END
      FROM generate_series(1, 30) i;
      INSERT INTO library.books
      SELECT md5('book-' || i)::uuid, md5('author-' || (1 + i % 30))::uuid, 'Book ' || i || ' ✓',
             CASE WHEN i % 5 = 0 THEN 'draft' ELSE 'published' END,
             CASE WHEN i % 11 = 0 THEN timestamptz '2026-02-01 00:00:00Z' + i * interval '1 minute' END
      FROM generate_series(1, 120) i;
      INSERT INTO library.editions
      SELECT '978-' || lpad(i::text, 4, '0') || '-' || e, md5('book-' || i)::uuid,
             (ARRAY['hardcover', 'paperback', 'ebook'])[1 + (i + e) % 3],
             CASE WHEN (i + e) % 9 = 0 THEN NULL ELSE 'pub-' || lpad((1 + (i * e) % 10)::text, 2, '0') END,
             (i + e) % 6 <> 0
      FROM generate_series(1, 120) i, generate_series(1, 2) e;
      -- an isbn with the characters a composite document id escapes
      INSERT INTO library.editions VALUES ('odd,isbn%1', md5('book-1')::uuid, 'audio', 'pub-01', true);
      INSERT INTO library.members SELECT i, 'Member ' || i FROM generate_series(1, 40) i;
      INSERT INTO library.loans
      SELECT e.isbn, 1 + (n * 7 + k) % 40, date '2025-12-20' + (n % 50) + 3 * k,
             CASE WHEN (n + k) % 3 = 0 THEN NULL ELSE date '2025-12-20' + (n % 50) + 3 * k + 14 END
      FROM (SELECT isbn, row_number() OVER (ORDER BY isbn)::int n FROM library.editions) e, generate_series(0, 1) k
      WHERE (e.n + k) % 4 <> 0;
      INSERT INTO library.tags VALUES ('sci-fi', 'Science fiction'), ('Classic', 'Classic'), ('apple', 'Apples'),
        ('Zebra', 'Zebras'), ('éclair', 'Pastry'), ('a_b', 'A and B'), ('10', 'Ten'), ('9', 'Nine'),
        ('poetry', 'Poetry'), ('history', 'History'), ('kids', 'Children'), ('unused', 'Never tagged');
      INSERT INTO library.book_tags
      SELECT DISTINCT md5('book-' || i)::uuid,
             (ARRAY['sci-fi', 'Classic', 'apple', 'Zebra', 'éclair', 'a_b', '10', '9', 'poetry', 'history', 'kids'])[1 + (i * j) % 11]
      FROM generate_series(1, 120) i, generate_series(1, 3) j
      WHERE (i + j) % 4 <> 0;
      """;

  private LibrarySeed() {}

  /** Creates the library schema and fills it. */
  public static void fill(Connection connection) throws SQLException {
    try (var st = connection.createStatement()) {
      st.execute(SCHEMA);
      st.execute(ROWS);
    }
  }
}
