package dev.denorm.example.authors;

import static dev.denorm.testing.ShopRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.index.Indexes;
import dev.denorm.tools.stack.ConnectorConfig;
import dev.denorm.testkit.IndexTestDriver;
import dev.denorm.testing.ShopRows.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The "Add an index" example of docs/writing-an-index.md: an author, their profile (one to one) and their books (nested). */
class AuthorIndexTest {

  private final IndexTestDriver library = new IndexTestDriver(new AuthorIndex());

  @AfterEach
  void close() {
    library.close();
  }

  private static Row author(long id) {
    return row("id", id, "name", "Author " + id, "country", "GB");
  }

  private static Row book(long id, long authorId) {
    return row("id", id, "author_id", authorId, "title", "Book " + id, "published_year", 1990 + (int) id);
  }

  private AuthorDocument author(String id) {
    return library.<AuthorDocument>documents("authors").get(id);
  }

  @Test
  void shouldNestTheBooksOfAnAuthorByIdWithTheirCount() {
    library.insert("books", book(12, 1)).insert("authors", author(1)).insert("books", book(11, 1)).emit();

    assertThat(author("1").getBooks()).extracting(AuthorBook::getId).containsExactly(11L, 12L);
    assertThat(author("1").getBookCount()).isEqualTo(2);
    assertThat(author("1").getBooks().get(0).getPublishedYear()).isEqualTo(2001);
  }

  @Test
  void shouldShowTheProfilesBioOneToOneAndNullWithoutAProfile() {
    library.insert("authors", author(1)).emit();
    assertThat(author("1").getBio()).isNull();

    library.insert("author_profiles", row("id", 1L, "bio", "Wrote things.")).emit();
    assertThat(author("1").getBio()).isEqualTo("Wrote things.");

    library.delete("author_profiles", 1).emit();
    assertThat(author("1").getBio()).isNull();
  }

  @Test
  void shouldMoveABookToItsNewAuthorAndDeleteTheDocumentWithItsAuthor() {
    library.insert("authors", author(1)).insert("authors", author(2)).insert("books", book(11, 1)).emit();

    library.update("books", book(11, 2)).emit();
    assertThat(author("1").getBooks()).isEmpty();
    assertThat(author("2").getBooks()).extracting(AuthorBook::getId).containsExactly(11L);

    library.delete("authors", 2).emit();
    assertThat(library.<AuthorDocument>documents("authors")).containsEntry("2", null);
  }

  @Test
  void shouldCaptureTheIndexsOwnTablesAndNothingElse() {
    assertThat(ConnectorConfig.tableIncludeList("shop", Indexes.of(new AuthorIndex())))
        .isEqualTo("shop.authors,shop.books,shop.author_profiles");
  }
}
