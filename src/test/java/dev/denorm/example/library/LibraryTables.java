package dev.denorm.example.library;

import dev.denorm.cdc.ChangeTable;

/**
 * The tables of the library (schema.sql next to this class), as the four library indexes read them: each
 * with its key columns, in the order of its primary key.
 */
final class LibraryTables {

  static final ChangeTable<CountryRow> COUNTRIES = ChangeTable.of("countries", CountryRow.class, "code");
  static final ChangeTable<PublisherRow> PUBLISHERS = ChangeTable.of("publishers", PublisherRow.class, "code");
  static final ChangeTable<AuthorRow> AUTHORS = ChangeTable.of("authors", AuthorRow.class);
  static final ChangeTable<BookRow> BOOKS = ChangeTable.of("books", BookRow.class);
  static final ChangeTable<EditionRow> EDITIONS = ChangeTable.of("editions", EditionRow.class, "isbn");
  static final ChangeTable<MemberRow> MEMBERS = ChangeTable.of("members", MemberRow.class);
  static final ChangeTable<LoanRow> LOANS = ChangeTable.of("loans", LoanRow.class, "isbn", "member_id", "loaned_on");
  static final ChangeTable<TagRow> TAGS = ChangeTable.of("tags", TagRow.class, "slug");
  static final ChangeTable<BookTagRow> BOOK_TAGS = ChangeTable.of("book_tags", BookTagRow.class, "book_id", "tag_slug");

  /** The status of a book readers see. */
  static final String PUBLISHED = "published";
  /** {@link #visible} in the words of the oracles' WHERE: the filter's description in the plan. */
  static final String VISIBLE = "deleted_at IS NULL AND status = 'published'";

  private LibraryTables() {}

  /** A book readers see: published and not soft-deleted. */
  static boolean visible(BookRow book) {
    return book.getDeletedAt() == null && PUBLISHED.equals(book.getStatus());
  }

  /** An author that is not soft-deleted. */
  static boolean present(AuthorRow author) {
    return author.getDeletedAt() == null;
  }
}
