package dev.denorm.example.authors;

import dev.denorm.cdc.ChangeTable;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.serde.AvroSerde;

/**
 * The "Add an index" example of docs/writing-an-index.md, over tables of your own (schema.sql next to it): an author
 * with the bio of their profile (one to one: the profile shares the author's id) and their books
 * (a nested list, by id), and how many there are.
 *
 * <pre>
 * root      authors
 * lookup    profile  authors.id -&gt; author_profiles (bio)
 * children  books    books.author_id -&gt; authors
 * </pre>
 */
public final class AuthorIndex implements DocumentIndex<AuthorDocument> {

  static final ChangeTable<AuthorRow> AUTHORS = ChangeTable.of("authors", AuthorRow.class);
  static final ChangeTable<AuthorProfileRow> PROFILES = ChangeTable.of("author_profiles", AuthorProfileRow.class);
  static final ChangeTable<BookRow> BOOKS = ChangeTable.of("books", BookRow.class);

  static final Root<AuthorRow> AUTHOR = Root.of(AUTHORS);
  static final Lookup<AuthorRow, AuthorProfileRow> PROFILE = AUTHOR.lookup("profile", PROFILES, "id");
  static final Children<AuthorRow, BookRow> AUTHOR_BOOKS = AUTHOR.children("books", BOOKS, "author_id");

  @Override
  public String name() {
    return "authors";
  }

  @Override
  public AvroSerde<AuthorDocument> documentSerde() {
    return AvroSerde.of(AuthorDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(AUTHOR, PROFILE, AUTHOR_BOOKS);
  }

  @Override
  public AuthorDocument assemble(Rows rows) {
    AuthorRow author = rows.root(AUTHOR);
    AuthorProfileRow profile = rows.lookup(PROFILE, author);
    var books = rows.children(AUTHOR_BOOKS).stream() // sorted by id
        .map(b -> new AuthorBook(b.getId(), b.getTitle(), b.getPublishedYear()))
        .toList();
    return AuthorDocument.newBuilder()
        .setId(author.getId())
        .setName(author.getName())
        .setCountry(author.getCountry())
        .setBio(profile == null ? null : profile.getBio())
        .setBooks(books)
        .setBookCount(books.size())
        .build();
  }
}
