package dev.denorm.example.library;

import dev.denorm.testing.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The scripted changes LibraryIT and AvroLibraryIT make to a library seeded by {@link LibrarySeed}, step
 * by step: after each, every document of the four library indexes must equal its oracle. They reach every
 * level (root, children, grandchildren, lookups of lookups), move rows between parents at two levels,
 * change primary keys (an edition's isbn with its loans, a tag's slug with its join rows, a loan's day),
 * move rows out of and into the filters at the root and in the middle, delete at every level and truncate
 * a leaf table and a middle one.
 */
final class LibraryChanges {

  /** One step: its statements, each committed by itself or all in one transaction. */
  record Step(String name, boolean oneTransaction, List<String> statements) {

    void apply(Connection c) throws SQLException {
      c.setAutoCommit(!oneTransaction);
      for (String statement : statements) {
        Sql.exec(c, statement);
      }
      if (oneTransaction) {
        c.commit();
        c.setAutoCommit(true);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private LibraryChanges() {}

  private static String author(int n) {
    return "md5('author-" + n + "')::uuid";
  }

  private static String book(int n) {
    return "md5('book-" + n + "')::uuid";
  }

  private static Step step(String name, String... statements) {
    return new Step(name, false, List.of(statements));
  }

  static List<Step> steps() {
    return List.of(
        step("inserts at every level",
            "INSERT INTO library.countries VALUES ('IT', 'Italy')",
            "INSERT INTO library.publishers VALUES ('pub-11', 'Einaudi', 'IT')",
            "INSERT INTO library.authors VALUES (" + author(31) + ", 'Italo', NULL)",
            "INSERT INTO library.books VALUES (" + book(121) + ", " + author(31) + ", 'Invisible Cities', 'published', NULL)",
            "INSERT INTO library.editions VALUES ('978-9999-1', " + book(121) + ", 'paperback', 'pub-11', true),"
                + " ('978-9999-0', " + book(121) + ", 'ebook', NULL, true)",
            "INSERT INTO library.members VALUES (41, 'Marco')",
            "INSERT INTO library.loans VALUES ('978-9999-1', 41, '2026-03-01', NULL), ('978-9999-1', 9, '2026-03-02', NULL),"
                + " ('978-9999-1', 10, '2026-02-28', '2026-03-03')",
            "INSERT INTO library.tags VALUES ('cities', 'Cities')",
            "INSERT INTO library.book_tags VALUES (" + book(121) + ", 'cities'), (" + book(121) + ", 'Classic')"),
        step("updates at every level, lookups of lookups included",
            "UPDATE library.authors SET name = 'Author One, renamed ✓' WHERE id = " + author(1),
            "UPDATE library.books SET title = 'Retitled' WHERE id = " + book(2),
            "UPDATE library.editions SET format = 'large print' WHERE isbn = '978-0003-1'",
            "UPDATE library.loans SET returned_on = loaned_on + 7 WHERE returned_on IS NULL AND isbn LIKE '978-001%'",
            "UPDATE library.members SET name = 'Member five' WHERE id = 5",
            "UPDATE library.tags SET label = 'Apple trees' WHERE slug = 'apple'",
            "UPDATE library.publishers SET name = 'Publisher Two' WHERE code = 'pub-02'",
            "UPDATE library.countries SET name = 'Britain' WHERE code = 'GB'"),
        step("primary-key updates: an edition's isbn with its loans, a tag's slug with its join rows, a loan's day",
            "UPDATE library.editions SET isbn = '978-9999-X' WHERE isbn = '978-0004-1'",
            "UPDATE library.tags SET slug = 'science-fiction' WHERE slug = 'sci-fi'",
            "UPDATE library.loans SET loaned_on = loaned_on - 1"
                + " WHERE (isbn, member_id, loaned_on) = (SELECT isbn, member_id, loaned_on FROM library.loans"
                + " WHERE isbn = '978-0006-1' ORDER BY member_id, loaned_on LIMIT 1)"),
        step("moves between parents: a book to another author, an edition to another book, a loan to another edition",
            "UPDATE library.books SET author_id = " + author(2) + " WHERE id = " + book(6),
            "UPDATE library.editions SET book_id = " + book(8) + " WHERE isbn = '978-0009-1'",
            "UPDATE library.loans SET isbn = '978-0012-1'"
                + " WHERE (isbn, member_id, loaned_on) = (SELECT isbn, member_id, loaned_on FROM library.loans"
                + " WHERE isbn = '978-0007-2' ORDER BY member_id, loaned_on LIMIT 1)",
            "UPDATE library.book_tags SET book_id = " + book(3) + " WHERE book_id = " + book(17)
                + " AND tag_slug NOT IN (SELECT tag_slug FROM library.book_tags WHERE book_id = " + book(3) + ")",
            "UPDATE library.editions SET publisher_code = 'pub-03' WHERE isbn = '978-0010-1'",
            "UPDATE library.publishers SET country_code = 'JP' WHERE code = 'pub-04'"),
        step("rows leave the filters: an author and books soft-deleted, a book a draft, editions withdrawn",
            "UPDATE library.authors SET deleted_at = '2026-04-01T10:00:00.123456Z' WHERE id = " + author(3),
            "UPDATE library.books SET status = 'draft' WHERE id = " + book(12),
            "UPDATE library.books SET deleted_at = '2026-04-01T10:00:00Z' WHERE id = " + book(13),
            "UPDATE library.editions SET active = false WHERE book_id = " + book(14)),
        step("rows enter the filters: an author and a book undeleted, a draft published, editions active again",
            "UPDATE library.authors SET deleted_at = NULL WHERE id = " + author(7),
            "UPDATE library.books SET status = 'published' WHERE id = " + book(5),
            "UPDATE library.books SET deleted_at = NULL WHERE id = " + book(11),
            "UPDATE library.editions SET active = true WHERE isbn IN"
                + " (SELECT isbn FROM library.editions WHERE NOT active ORDER BY isbn LIMIT 5)",
            "UPDATE library.authors SET deleted_at = NULL WHERE id = " + author(3)),
        step("a book's author set to a soft-deleted author",
            "UPDATE library.books SET author_id = " + author(14) + " WHERE id = " + book(16)),
        step("deletes at every level: loans, a join row, an edition, a book (cascading), a tag, an author, a publisher",
            "DELETE FROM library.loans WHERE member_id = 3",
            "DELETE FROM library.book_tags WHERE (book_id, tag_slug) IN (SELECT book_id, tag_slug FROM library.book_tags"
                + " ORDER BY book_id, tag_slug LIMIT 1)",
            "DELETE FROM library.editions WHERE isbn = '978-0020-2'",
            "DELETE FROM library.books WHERE id = " + book(21),
            "DELETE FROM library.tags WHERE slug = '9'",
            "DELETE FROM library.books WHERE author_id = " + author(30),
            "DELETE FROM library.authors WHERE id = " + author(30),
            "UPDATE library.editions SET publisher_code = NULL WHERE publisher_code = 'pub-10'",
            "DELETE FROM library.publishers WHERE code = 'pub-10'",
            "DELETE FROM library.loans WHERE member_id = 40",
            "DELETE FROM library.members WHERE id = 40"),
        new Step("one transaction across tables: a book with editions, loans and tags, and a tag relabelled", true, List.of(
            "INSERT INTO library.books VALUES (" + book(122) + ", " + author(4) + ", 'In one go', 'published', NULL)",
            "INSERT INTO library.editions VALUES ('978-9998-1', " + book(122) + ", 'hardcover', 'pub-05', true)",
            "INSERT INTO library.loans VALUES ('978-9998-1', 1, '2026-05-01', NULL), ('978-9998-1', 2, '2026-05-01', NULL)",
            "INSERT INTO library.book_tags VALUES (" + book(122) + ", 'kids'), (" + book(122) + ", 'éclair')",
            "UPDATE library.tags SET label = 'Children''s' WHERE slug = 'kids'")),
        step("TRUNCATE of the loans (a leaf table)",
            "TRUNCATE library.loans"),
        step("loans again after the truncate",
            "INSERT INTO library.loans SELECT isbn, 1 + (row_number() OVER (ORDER BY isbn))::int % 39, '2026-06-01', NULL"
                + " FROM library.editions WHERE isbn LIKE '978-00%'"),
        step("TRUNCATE of the editions with CASCADE (a middle table and its loans)",
            "TRUNCATE library.editions CASCADE"),
        step("editions and loans again after the truncate",
            "INSERT INTO library.editions SELECT 'new-' || b.title, b.id, 'paperback', 'pub-01', true FROM library.books b",
            "INSERT INTO library.loans SELECT isbn, 7, '2026-07-01', NULL FROM library.editions WHERE isbn LIKE 'new-Book 1%'"));
  }
}
