package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryTables.COUNTRIES;
import static dev.denorm.example.library.LibraryTables.MEMBERS;
import static dev.denorm.example.library.LibraryTables.PUBLISHERS;
import static dev.denorm.example.library.LibraryTables.TAGS;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.serde.AvroSerde;

/**
 * An author's catalogue: the author (not soft-deleted), their published books that are not soft-deleted,
 * each book's tag labels (many-to-many) and active editions, each edition's publisher with its country and
 * its loans with the member's name. Documents are assembled by {@link AuthorCatalogAssembler}.
 *
 * <pre>
 * root      authors                        where deleted_at is null
 * children  books      books.author_id     where published and deleted_at is null
 * children  book-tags  book_tags.book_id   of each book
 * lookup    tag        book_tags.tag_slug -&gt; tags (label)
 * children  editions   editions.book_id    of each book, where active
 * lookup    publisher  editions.publisher_code -&gt; publishers (name, country_code)
 * lookup    country    publishers.country_code -&gt; countries
 * children  loans      loans.isbn          of each edition
 * lookup    member     loans.member_id -&gt; members (name)
 * </pre>
 */
public final class AuthorCatalogIndex implements DocumentIndex<AuthorCatalogDocument> {

  static final Root<AuthorRow> AUTHOR =
      Root.of(LibraryTables.AUTHORS).where("deleted_at IS NULL", LibraryTables::present);
  static final Children<AuthorRow, BookRow> BOOKS =
      AUTHOR.children("books", LibraryTables.BOOKS, "author_id").where(LibraryTables.VISIBLE, LibraryTables::visible);
  static final Children<BookRow, BookTagRow> BOOK_TAGS = BOOKS.children("book-tags", LibraryTables.BOOK_TAGS, "book_id");
  static final Lookup<BookTagRow, TagRow> TAG = BOOK_TAGS.lookup("tag", TAGS, "tag_slug").showing("label");
  static final Children<BookRow, EditionRow> EDITIONS =
      BOOKS.children("editions", LibraryTables.EDITIONS, "book_id").where("active", EditionRow::getActive);
  static final Lookup<EditionRow, PublisherRow> PUBLISHER =
      EDITIONS.lookup("publisher", PUBLISHERS, "publisher_code").showing("name", "country_code");
  static final Lookup<PublisherRow, CountryRow> COUNTRY = PUBLISHER.lookup("country", COUNTRIES, "country_code");
  static final Children<EditionRow, LoanRow> LOANS = EDITIONS.children("loans", LibraryTables.LOANS, "isbn");
  static final Lookup<LoanRow, MemberRow> MEMBER = LOANS.lookup("member", MEMBERS, "member_id").showing("name");

  @Override
  public String name() {
    return "library-authors";
  }

  @Override
  public AvroSerde<AuthorCatalogDocument> documentSerde() {
    return AvroSerde.of(AuthorCatalogDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(AUTHOR, BOOKS, BOOK_TAGS, TAG, EDITIONS, PUBLISHER, COUNTRY, LOANS, MEMBER);
  }

  @Override
  public AuthorCatalogDocument assemble(Rows rows) {
    return new AuthorCatalogAssembler(rows).document();
  }
}
