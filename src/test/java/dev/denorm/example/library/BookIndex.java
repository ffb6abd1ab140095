package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryTables.AUTHORS;
import static dev.denorm.example.library.LibraryTables.COUNTRIES;
import static dev.denorm.example.library.LibraryTables.PUBLISHERS;
import static dev.denorm.example.library.LibraryTables.TAGS;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.serde.AvroSerde;
import java.util.Objects;

/**
 * A book readers can find: published, not soft-deleted, by an author who is not soft-deleted (a filtered
 * lookup: without such an author there is no document), with all its editions (the publisher and its
 * country's name) and its tags (the join table's rows and a lookup of each tag).
 *
 * <pre>
 * root      books                      where published and deleted_at is null
 * lookup    author     books.author_id -&gt; authors, where deleted_at is null
 * children  editions   editions.book_id
 * lookup    publisher  editions.publisher_code -&gt; publishers (name, country_code)
 * lookup    country    publishers.country_code -&gt; countries (name)
 * children  book-tags  book_tags.book_id
 * lookup    tag        book_tags.tag_slug -&gt; tags (label)
 * </pre>
 */
public final class BookIndex implements DocumentIndex<BookDocument> {

  static final Root<BookRow> BOOK = Root.of(LibraryTables.BOOKS).where(LibraryTables.VISIBLE, LibraryTables::visible);
  static final Lookup<BookRow, AuthorRow> AUTHOR =
      BOOK.lookup("author", AUTHORS, "author_id").where("deleted_at IS NULL", LibraryTables::present);
  static final Children<BookRow, EditionRow> EDITIONS = BOOK.children("editions", LibraryTables.EDITIONS, "book_id");
  static final Lookup<EditionRow, PublisherRow> PUBLISHER =
      EDITIONS.lookup("publisher", PUBLISHERS, "publisher_code").showing("name", "country_code");
  static final Lookup<PublisherRow, CountryRow> COUNTRY = PUBLISHER.lookup("country", COUNTRIES, "country_code").showing("name");
  static final Children<BookRow, BookTagRow> BOOK_TAGS = BOOK.children("book-tags", LibraryTables.BOOK_TAGS, "book_id");
  static final Lookup<BookTagRow, TagRow> TAG = BOOK_TAGS.lookup("tag", TAGS, "tag_slug").showing("label");

  @Override
  public String name() {
    return "library-books";
  }

  @Override
  public AvroSerde<BookDocument> documentSerde() {
    return AvroSerde.of(BookDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(BOOK, AUTHOR, EDITIONS, PUBLISHER, COUNTRY, BOOK_TAGS, TAG);
  }

  @Override
  public BookDocument assemble(Rows rows) {
    BookRow book = rows.root(BOOK);
    AuthorRow author = rows.lookup(AUTHOR, book);
    if (author == null) {
      return null; // the author is missing or soft-deleted: readers do not see the book
    }
    var editions = rows.children(EDITIONS).stream().map(e -> edition(rows, e)).toList();
    var tags = rows.children(BOOK_TAGS).stream()
        .map(bookTag -> rows.lookup(TAG, bookTag))
        .filter(Objects::nonNull)
        .map(tag -> new BookTag(tag.getSlug(), tag.getLabel()))
        .toList();
    return BookDocument.newBuilder()
        .setId(book.getId())
        .setTitle(book.getTitle())
        .setAuthor(new BookAuthor(author.getId(), author.getName()))
        .setEditions(editions)
        .setTags(tags)
        .build();
  }

  private static BookEdition edition(Rows rows, EditionRow edition) {
    PublisherRow publisher = rows.lookup(PUBLISHER, edition);
    BookPublisher shown = null;
    if (publisher != null) {
      CountryRow country = rows.lookup(COUNTRY, publisher);
      shown = new BookPublisher(publisher.getCode(), publisher.getName(), country == null ? null : country.getName());
    }
    return new BookEdition(edition.getIsbn(), edition.getFormat(), edition.getActive(), shown);
  }
}
