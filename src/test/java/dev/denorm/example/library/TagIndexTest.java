package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryRows.DELETED_AT;
import static dev.denorm.example.library.LibraryRows.book;
import static dev.denorm.example.library.LibraryRows.bookTag;
import static dev.denorm.example.library.LibraryRows.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.testkit.IndexTestDriver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The library-tags index: a text-keyed root and the other direction of the books-tags many-to-many. */
class TagIndexTest {

  static final String URSULA = "5d0c3e1a-7b2f-4e8d-9a61-c4b3f2e1d0a9";
  static final String DISPOSSESSED = "0e3f8c2a-4b1d-4c6e-8f7a-1a2b3c4d5e6f";
  static final String LATHE = "9a7b6c5d-4e3f-4a1b-8c2d-3e4f5a6b7c8d";
  static final String DRAFT = "4b4b4b4b-0000-4000-8000-000000000000";

  private final IndexTestDriver library = new IndexTestDriver(new TagIndex());

  @AfterEach
  void close() {
    library.close();
  }

  private Map<String, TagDocument> documents() {
    return library.documents("library-tags");
  }

  /** Tag "sf" on two published books and a draft, joined before either side exists. */
  private IndexTestDriver givenATagOnThreeBooks() {
    return library
        .insert("book_tags", bookTag(LATHE, "sf")).insert("book_tags", bookTag(DRAFT, "sf"))
        .insert("book_tags", bookTag(DISPOSSESSED, "sf"))
        .insert("books", book(LATHE, URSULA, "The Lathe of Heaven"))
        .insert("books", book(DRAFT, URSULA, "Unfinished").with("status", "draft"))
        .insert("books", book(DISPOSSESSED, URSULA, "The Dispossessed"))
        .insert("tags", tag("sf", "Science fiction"));
  }

  private static final TaggedBook DISPOSSESSED_BOOK = new TaggedBook(DISPOSSESSED, "The Dispossessed");
  private static final TaggedBook LATHE_BOOK = new TaggedBook(LATHE, "The Lathe of Heaven");

  @Test
  void shouldListTheTagsPublishedBooksByBookIdWhenTheJoinRowsComeFirst() {
    givenATagOnThreeBooks().insert("tags", tag("unused", "Unused")).emit();

    assertThat(documents()).containsOnly(
        Map.entry("sf", new TagDocument("sf", "Science fiction", List.of(DISPOSSESSED_BOOK, LATHE_BOOK), 2)),
        Map.entry("unused", new TagDocument("unused", "Unused", List.of(), 0)));
  }

  @Test
  void shouldDropABookThatIsSoftDeletedAndAddADraftThatIsPublished() {
    givenATagOnThreeBooks().emit();

    library.update("books", book(LATHE, URSULA, "The Lathe of Heaven").with("deleted_at", DELETED_AT))
        .update("books", book(DRAFT, URSULA, "Unfinished")).emit();

    assertThat(documents().get("sf")).isEqualTo(new TagDocument("sf", "Science fiction",
        List.of(DISPOSSESSED_BOOK, new TaggedBook(DRAFT, "Unfinished")), 2));
  }

  @Test
  void shouldShowARenamedBookAndNotRewriteForAColumnItDoesNotShow() {
    givenATagOnThreeBooks().emit();
    library.newWrites("library-tags");

    library.update("books", book(LATHE, URSULA, "Lathe")).emit();
    assertThat(library.<TagDocument>newWrites("library-tags")).containsExactly(KeyValue.pair("sf",
        new TagDocument("sf", "Science fiction", List.of(DISPOSSESSED_BOOK, new TaggedBook(LATHE, "Lathe")), 2)));

    library.update("books", book(LATHE, "00000000-0000-4000-8000-000000000001", "Lathe")).emit();
    assertThat(library.newWrites("library-tags")).as("author_id is not shown").isEmpty();
  }

  @Test
  void shouldDropABookWhenItsJoinRowIsDeletedAndDeleteTheDocumentWithTheTag() {
    givenATagOnThreeBooks().emit();

    library.delete("book_tags", Map.of("book_id", DISPOSSESSED, "tag_slug", "sf")).emit();
    assertThat(documents().get("sf")).isEqualTo(new TagDocument("sf", "Science fiction", List.of(LATHE_BOOK), 1));

    library.delete("tags", Map.of("slug", "sf")).emit();
    assertThat(documents()).hasSize(1).containsEntry("sf", null);
  }
}
