package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryTables.BOOKS;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.serde.AvroSerde;
import java.util.Objects;

/**
 * A tag (a text key) with the books it is on: the other direction of the many-to-many of BookIndex, the
 * join table's rows by tag_slug and a lookup of each book, filtered to those readers see.
 *
 * <pre>
 * root      tags
 * children  book-tags  book_tags.tag_slug
 * lookup    book       book_tags.book_id -&gt; books, where published and deleted_at is null (title)
 * </pre>
 */
public final class TagIndex implements DocumentIndex<TagDocument> {

  static final Root<TagRow> TAG = Root.of(LibraryTables.TAGS);
  static final Children<TagRow, BookTagRow> BOOK_TAGS = TAG.children("book-tags", LibraryTables.BOOK_TAGS, "tag_slug");
  static final Lookup<BookTagRow, BookRow> BOOK = BOOK_TAGS.lookup("book", BOOKS, "book_id")
      .where(LibraryTables.VISIBLE, LibraryTables::visible).showing("title");

  @Override
  public String name() {
    return "library-tags";
  }

  @Override
  public AvroSerde<TagDocument> documentSerde() {
    return AvroSerde.of(TagDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(TAG, BOOK_TAGS, BOOK);
  }

  @Override
  public TagDocument assemble(Rows rows) {
    TagRow tag = rows.root(TAG);
    var books = rows.children(BOOK_TAGS).stream()
        .map(bookTag -> rows.lookup(BOOK, bookTag))
        .filter(Objects::nonNull) // missing, a draft or soft-deleted
        .map(book -> new TaggedBook(book.getId(), book.getTitle()))
        .toList();
    return new TagDocument(tag.getSlug(), tag.getLabel(), books, books.size());
  }
}
