package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryRows.DELETED_AT;
import static dev.denorm.example.library.LibraryRows.author;
import static dev.denorm.example.library.LibraryRows.book;
import static dev.denorm.example.library.LibraryRows.bookTag;
import static dev.denorm.example.library.LibraryRows.country;
import static dev.denorm.example.library.LibraryRows.edition;
import static dev.denorm.example.library.LibraryRows.publisher;
import static dev.denorm.example.library.LibraryRows.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.testkit.IndexTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library-books index: a uuid-keyed, filtered root; a filtered lookup that decides whether the document
 * exists (the author); editions with a lookup of a lookup (publisher, country); tags through the join table.
 */
class BookIndexTest {

  static final String URSULA = "5d0c3e1a-7b2f-4e8d-9a61-c4b3f2e1d0a9";
  static final String GONE = "ffffffff-0000-4000-8000-000000000000";
  static final String DISPOSSESSED = "0e3f8c2a-4b1d-4c6e-8f7a-1a2b3c4d5e6f";
  static final String LATHE = "9a7b6c5d-4e3f-4a1b-8c2d-3e4f5a6b7c8d";

  private final IndexTestDriver library = new IndexTestDriver(new BookIndex());

  @AfterEach
  void close() {
    library.close();
  }

  private Map<String, BookDocument> documents() {
    return library.documents("library-books");
  }

  /** Ursula, a soft-deleted author, two books of Ursula's, editions with publishers in two countries, tags. */
  private IndexTestDriver givenTwoBooks() {
    return library
        .insert("countries", country("GB", "United Kingdom")).insert("countries", country("US", "United States"))
        .insert("publishers", publisher("gollancz", "Gollancz", "GB")).insert("publishers", publisher("harper", "Harper", "US"))
        .insert("publishers", publisher("indie", "Indie", null))
        .insert("authors", author(URSULA, "Ursula")).insert("authors", author(GONE, "Gone").with("deleted_at", DELETED_AT))
        .insert("books", book(DISPOSSESSED, URSULA, "The Dispossessed"))
        .insert("books", book(LATHE, URSULA, "The Lathe of Heaven"))
        .insert("editions", edition("978-a", DISPOSSESSED, "ebook", "harper"))
        .insert("editions", edition("978-B", DISPOSSESSED, "hardcover", "gollancz").with("active", false))
        .insert("editions", edition("978-c", DISPOSSESSED, "zine", "indie"))
        .insert("editions", edition("978-d", DISPOSSESSED, "audio", null))
        .insert("editions", edition("978-l", LATHE, "paperback", "gollancz"))
        .insert("tags", tag("sf", "Science fiction")).insert("tags", tag("Classic", "Classic"))
        .insert("book_tags", bookTag(DISPOSSESSED, "sf")).insert("book_tags", bookTag(DISPOSSESSED, "Classic"))
        .insert("book_tags", bookTag(LATHE, "sf"));
  }

  private static final BookAuthor URSULA_AUTHOR = new BookAuthor(URSULA, "Ursula");
  private static final BookPublisher GOLLANCZ = new BookPublisher("gollancz", "Gollancz", "United Kingdom");
  private static final BookPublisher HARPER = new BookPublisher("harper", "Harper", "United States");
  private static final BookTag SF = new BookTag("sf", "Science fiction");

  private static BookDocument dispossessed(List<BookEdition> editions) {
    return new BookDocument(DISPOSSESSED, "The Dispossessed", URSULA_AUTHOR, editions,
        List.of(new BookTag("Classic", "Classic"), SF));
  }

  private static List<BookEdition> dispossessedEditions() {
    return List.of(new BookEdition("978-B", "hardcover", false, GOLLANCZ), new BookEdition("978-a", "ebook", true, HARPER),
        new BookEdition("978-c", "zine", true, new BookPublisher("indie", "Indie", null)),
        new BookEdition("978-d", "audio", true, null));
  }

  private static BookDocument lathe(List<BookEdition> editions) {
    return new BookDocument(LATHE, "The Lathe of Heaven", URSULA_AUTHOR, editions, List.of(SF));
  }

  @Test
  void shouldBuildEachBookWithItsAuthorAllItsEditionsWithPublisherAndCountryAndItsTags() {
    givenTwoBooks().emit();

    assertThat(documents()).containsOnly(
        Map.entry(DISPOSSESSED, dispossessed(dispossessedEditions())),
        Map.entry(LATHE, lathe(List.of(new BookEdition("978-l", "paperback", true, GOLLANCZ)))));
  }

  @Test
  void shouldMoveAUuidKeyedBooksEditionToAnotherBookChangingBothDocuments() {
    givenTwoBooks().emit();
    library.newWrites("library-books");

    library.update("editions", edition("978-l", DISPOSSESSED, "paperback", "gollancz")).emit();

    var editions = new ArrayList<>(dispossessedEditions());
    editions.add(new BookEdition("978-l", "paperback", true, GOLLANCZ));
    assertThat(library.<BookDocument>newDocuments("library-books")).containsOnly(
        Map.entry(DISPOSSESSED, dispossessed(editions)),
        Map.entry(LATHE, lathe(List.of())));
  }

  @Test
  void shouldReplaceAnEditionWhoseIsbnChangesAsADeleteAndAnInsert() {
    givenTwoBooks().emit();

    library.delete("editions", Map.of("isbn", "978-l"))
        .insert("editions", edition("978-A", LATHE, "paperback", "gollancz")).emit();

    assertThat(documents().get(LATHE)).isEqualTo(lathe(List.of(new BookEdition("978-A", "paperback", true, GOLLANCZ))));
  }

  @Test
  void shouldReachEveryBookThroughItsPublishersWhenACountryIsRenamed() {
    givenTwoBooks().emit();
    library.newWrites("library-books");

    library.update("countries", country("GB", "Britain")).emit();

    var britishGollancz = new BookPublisher("gollancz", "Gollancz", "Britain");
    var editions = new ArrayList<>(dispossessedEditions());
    editions.set(0, new BookEdition("978-B", "hardcover", false, britishGollancz));
    assertThat(library.<BookDocument>newDocuments("library-books")).containsOnly(
        Map.entry(DISPOSSESSED, dispossessed(editions)),
        Map.entry(LATHE, lathe(List.of(new BookEdition("978-l", "paperback", true, britishGollancz)))));
  }

  @Test
  void shouldRemoveTheBookDocumentWhenItsAuthorIsSetToADeletedAuthorAndRestoreItWithAPresentOne() {
    givenTwoBooks().emit();
    library.newWrites("library-books");

    library.update("books", book(LATHE, GONE, "The Lathe of Heaven")).emit();
    assertThat(library.<BookDocument>newWrites("library-books")).containsExactly(KeyValue.pair(LATHE, null));

    library.update("books", book(LATHE, URSULA, "The Lathe of Heaven")).emit();
    assertThat(library.<BookDocument>newWrites("library-books")).containsExactly(
        KeyValue.pair(LATHE, lathe(List.of(new BookEdition("978-l", "paperback", true, GOLLANCZ)))));
  }

  @Test
  void shouldHaveNoDocumentWithoutAPresentAuthorWhenTheAuthorArrivesLastOrIsSoftDeleted() {
    library.insert("books", book(LATHE, URSULA, "The Lathe of Heaven")).emit();
    assertThat(documents()).isEmpty();

    library.insert("authors", author(URSULA, "Ursula")).emit();
    assertThat(documents()).containsExactly(Map.entry(LATHE, new BookDocument(LATHE, "The Lathe of Heaven", URSULA_AUTHOR,
        List.of(), List.of())));

    library.update("authors", author(URSULA, "Ursula").with("deleted_at", DELETED_AT)).emit();
    assertThat(documents()).hasSize(1).containsEntry(LATHE, null);
  }

  @Test
  void shouldDeleteTheDocumentWhenTheBookIsSoftDeletedOrADraftAndCreateItWhenPublished() {
    givenTwoBooks().emit();
    library.newWrites("library-books");

    library.update("books", book(LATHE, URSULA, "The Lathe of Heaven").with("deleted_at", DELETED_AT)).emit();
    library.update("books", book(DISPOSSESSED, URSULA, "The Dispossessed").with("status", "draft")).emit();
    assertThat(library.<BookDocument>newWrites("library-books"))
        .containsExactly(KeyValue.pair(LATHE, null), KeyValue.pair(DISPOSSESSED, null));

    library.update("books", book(DISPOSSESSED, URSULA, "The Dispossessed")).emit();
    assertThat(library.<BookDocument>newWrites("library-books"))
        .containsExactly(KeyValue.pair(DISPOSSESSED, dispossessed(dispossessedEditions())));
  }

  @Test
  void shouldRewriteAllFiveHundredBooksOfARenamedTagOnceEachInOneEmit() {
    library.insert("authors", author(URSULA, "Ursula")).insert("tags", tag("sf", "Science fiction"));
    var books = new ArrayList<String>();
    for (int i = 0; i < 500; i++) {
      String id = UUID.nameUUIDFromBytes(("book-" + i).getBytes()).toString();
      books.add(id);
      library.insert("books", book(id, URSULA, "Book " + i)).insert("book_tags", bookTag(id, "sf"));
    }
    library.emit();
    library.newWrites("library-books");

    library.update("tags", tag("sf", "Speculative fiction")).emit();

    var writes = library.<BookDocument>newWrites("library-books");
    assertThat(writes).hasSize(500);
    assertThat(writes).extracting(kv -> kv.key).containsExactlyInAnyOrderElementsOf(books);
    assertThat(writes).allSatisfy(kv -> assertThat(kv.value).isEqualTo(new BookDocument(kv.key,
        "Book " + books.indexOf(kv.key), URSULA_AUTHOR, List.of(), List.of(new BookTag("sf", "Speculative fiction")))));
  }

  @Test
  void shouldDropATagWhoseJoinRowIsDeletedByItsCompositeKey() {
    givenTwoBooks().emit();

    library.delete("book_tags", Map.of("book_id", DISPOSSESSED, "tag_slug", "Classic")).emit();

    assertThat(documents().get(DISPOSSESSED).getTags()).containsExactly(SF);
  }
}
