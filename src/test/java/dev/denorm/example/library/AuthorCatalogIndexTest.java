package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryRows.DELETED_AT;
import static dev.denorm.example.library.LibraryRows.author;
import static dev.denorm.example.library.LibraryRows.book;
import static dev.denorm.example.library.LibraryRows.bookTag;
import static dev.denorm.example.library.LibraryRows.country;
import static dev.denorm.example.library.LibraryRows.edition;
import static dev.denorm.example.library.LibraryRows.loan;
import static dev.denorm.example.library.LibraryRows.loanKey;
import static dev.denorm.example.library.LibraryRows.member;
import static dev.denorm.example.library.LibraryRows.publisher;
import static dev.denorm.example.library.LibraryRows.tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.testkit.IndexTestDriver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library-authors index: an author's catalogue three levels deep (books, editions, loans), filtered at
 * the root (soft delete) and in the middle (published books, active editions), with a lookup of a lookup
 * (publisher, country) and a many-to-many (tags).
 */
class AuthorCatalogIndexTest {

  static final String URSULA = "5d0c3e1a-7b2f-4e8d-9a61-c4b3f2e1d0a9";
  static final String TERRY = "c2a4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f";
  /** Sorts before LATHE by its text. */
  static final String DISPOSSESSED = "0e3f8c2a-4b1d-4c6e-8f7a-1a2b3c4d5e6f";
  static final String LATHE = "9a7b6c5d-4e3f-4a1b-8c2d-3e4f5a6b7c8d";
  static final String MORT = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  /** 'B' is byte 0x42, 'a' 0x61: by bytes HARDCOVER sorts first, as it would not in most languages' order. */
  static final String HARDCOVER = "978-B-1";
  static final String EBOOK = "978-a-2";

  private final IndexTestDriver library = new IndexTestDriver(new AuthorCatalogIndex());

  @AfterEach
  void close() {
    library.close();
  }

  private Map<String, AuthorCatalogDocument> documents() {
    return library.documents("library-authors");
  }

  /** Ursula's catalogue, every row before the row it hangs off (children first, then their parents). */
  private IndexTestDriver givenUrsulasCatalogue() {
    return library
        .insert("loans", loan(HARDCOVER, 10, "2026-03-01", null))
        .insert("loans", loan(HARDCOVER, 9, "2026-03-05", "2026-03-19"))
        .insert("loans", loan(HARDCOVER, 9, "2026-02-01", "2026-02-10"))
        .insert("members", member(9, "Nine")).insert("members", member(10, "Ten"))
        .insert("editions", edition(EBOOK, DISPOSSESSED, "ebook", null))
        .insert("editions", edition(HARDCOVER, DISPOSSESSED, "hardcover", "gollancz"))
        .insert("countries", country("GB", "United Kingdom"))
        .insert("publishers", publisher("gollancz", "Gollancz", "GB"))
        .insert("book_tags", bookTag(DISPOSSESSED, "éclair")).insert("book_tags", bookTag(DISPOSSESSED, "Zebra"))
        .insert("book_tags", bookTag(DISPOSSESSED, "apple"))
        .insert("tags", tag("Zebra", "Zebras")).insert("tags", tag("apple", "Apples")).insert("tags", tag("éclair", "Pastry"))
        .insert("books", book(LATHE, URSULA, "The Lathe of Heaven"))
        .insert("books", book(DISPOSSESSED, URSULA, "The Dispossessed"))
        .insert("authors", author(URSULA, "Ursula"));
  }

  private static final CatalogPublisher GOLLANCZ =
      new CatalogPublisher("gollancz", "Gollancz", new CatalogCountry("GB", "United Kingdom"));
  private static final List<CatalogLoan> HARDCOVER_LOANS = List.of(
      new CatalogLoan(9, "Nine", "2026-02-01", "2026-02-10"),
      new CatalogLoan(9, "Nine", "2026-03-05", "2026-03-19"),
      new CatalogLoan(10, "Ten", "2026-03-01", null));

  private static CatalogBook dispossessed(List<CatalogEdition> editions) {
    return new CatalogBook(DISPOSSESSED, "The Dispossessed", List.of("Zebras", "Apples", "Pastry"), editions);
  }

  private static CatalogBook lathe() {
    return new CatalogBook(LATHE, "The Lathe of Heaven", List.of(), List.of());
  }

  private static AuthorCatalogDocument ursula(List<CatalogBook> books, int openLoans) {
    return new AuthorCatalogDocument(URSULA, "Ursula", books, books.size(), openLoans);
  }

  private static AuthorCatalogDocument fullUrsula() {
    return ursula(List.of(
        dispossessed(List.of(new CatalogEdition(HARDCOVER, "hardcover", GOLLANCZ, HARDCOVER_LOANS),
            new CatalogEdition(EBOOK, "ebook", null, List.of()))),
        lathe()), 1);
  }

  @Test
  void shouldNestBooksEditionsAndLoansThreeLevelsDeepEachListByItsPrimaryKeyWhenChildrenComeFirst() {
    givenUrsulasCatalogue().emit();

    // books by uuid text, editions by isbn bytes, loans by member id numerically (9 before 10), then day,
    // tags by slug bytes ('Zebra' < 'apple' < 'éclair')
    assertThat(documents()).containsExactly(Map.entry(URSULA, fullUrsula()));
  }

  @Test
  void shouldDropAnEditionAndItsLoansWhenItIsWithdrawnAndBringThemBackWhenItIsActiveAgain() {
    givenUrsulasCatalogue().emit();

    library.update("editions", edition(HARDCOVER, DISPOSSESSED, "hardcover", "gollancz").with("active", false)).emit();
    assertThat(documents().get(URSULA)).isEqualTo(ursula(List.of(
        dispossessed(List.of(new CatalogEdition(EBOOK, "ebook", null, List.of()))), lathe()), 0));

    library.update("editions", edition(HARDCOVER, DISPOSSESSED, "hardcover", "gollancz")).emit();
    assertThat(documents().get(URSULA)).isEqualTo(fullUrsula());
  }

  @Test
  void shouldDeleteTheDocumentWhenTheAuthorIsSoftDeletedAndCreateItWhenDeletedAtIsCleared() {
    givenUrsulasCatalogue().emit();
    library.newWrites("library-authors");

    library.update("authors", author(URSULA, "Ursula").with("deleted_at", DELETED_AT)).emit();
    assertThat(library.<AuthorCatalogDocument>newWrites("library-authors")).containsExactly(KeyValue.pair(URSULA, null));

    library.update("authors", author(URSULA, "Ursula")).emit();
    assertThat(library.<AuthorCatalogDocument>newWrites("library-authors"))
        .containsExactly(KeyValue.pair(URSULA, fullUrsula()));
  }

  @Test
  void shouldDropABooksEditionsAndLoansWhenTheBookIsDeleted() {
    givenUrsulasCatalogue().emit();

    library.delete("books", Map.of("id", DISPOSSESSED)).emit();

    assertThat(documents().get(URSULA)).isEqualTo(ursula(List.of(lathe()), 0));
  }

  @Test
  void shouldDropABookThatBecomesADraftOrIsSoftDeletedAndShowItWhenPublishedAgain() {
    givenUrsulasCatalogue().emit();

    library.update("books", book(LATHE, URSULA, "The Lathe of Heaven").with("status", "draft")).emit();
    assertThat(documents().get(URSULA).getBooks()).extracting(CatalogBook::getId).containsExactly(DISPOSSESSED);

    library.update("books", book(DISPOSSESSED, URSULA, "The Dispossessed").with("deleted_at", DELETED_AT)).emit();
    assertThat(documents().get(URSULA)).isEqualTo(ursula(List.of(), 0));

    library.update("books", book(LATHE, URSULA, "The Lathe of Heaven"))
        .update("books", book(DISPOSSESSED, URSULA, "The Dispossessed")).emit();
    assertThat(documents().get(URSULA)).isEqualTo(fullUrsula());
  }

  @Test
  void shouldDropALoanDeletedByItsCompositeKeyAndCountOnlyOpenLoans() {
    givenUrsulasCatalogue().emit();

    library.delete("loans", loanKey(HARDCOVER, 10, "2026-03-01")).emit();

    assertThat(documents().get(URSULA)).isEqualTo(ursula(List.of(
        dispossessed(List.of(new CatalogEdition(HARDCOVER, "hardcover", GOLLANCZ, HARDCOVER_LOANS.subList(0, 2)),
            new CatalogEdition(EBOOK, "ebook", null, List.of()))),
        lathe()), 0));
  }

  @Test
  void shouldMoveAnEditionWithItsLoansToABookOfAnotherAuthorChangingBothDocuments() {
    givenUrsulasCatalogue().insert("authors", author(TERRY, "Terry")).insert("books", book(MORT, TERRY, "Mort")).emit();
    library.newWrites("library-authors");

    library.update("editions", edition(HARDCOVER, MORT, "hardcover", "gollancz")).emit();

    assertThat(library.<AuthorCatalogDocument>newDocuments("library-authors")).containsOnly(
        Map.entry(URSULA, ursula(List.of(
            dispossessed(List.of(new CatalogEdition(EBOOK, "ebook", null, List.of()))), lathe()), 0)),
        Map.entry(TERRY, new AuthorCatalogDocument(TERRY, "Terry", List.of(new CatalogBook(MORT, "Mort", List.of(),
            List.of(new CatalogEdition(HARDCOVER, "hardcover", GOLLANCZ, HARDCOVER_LOANS)))), 1, 1)));
  }

  @Test
  void shouldReplaceAnEditionWhoseIsbnChangesAsADeleteAndAnInsertWithItsLoans() {
    givenUrsulasCatalogue().emit();
    String renumbered = "978-0-3";

    // what Debezium sends for UPDATE editions SET isbn = ..., with loans following ON UPDATE CASCADE
    library.delete("editions", Map.of("isbn", HARDCOVER))
        .insert("editions", edition(renumbered, DISPOSSESSED, "hardcover", "gollancz"))
        .delete("loans", loanKey(HARDCOVER, 9, "2026-02-01")).insert("loans", loan(renumbered, 9, "2026-02-01", "2026-02-10"))
        .delete("loans", loanKey(HARDCOVER, 9, "2026-03-05")).insert("loans", loan(renumbered, 9, "2026-03-05", "2026-03-19"))
        .delete("loans", loanKey(HARDCOVER, 10, "2026-03-01")).insert("loans", loan(renumbered, 10, "2026-03-01", null))
        .emit();

    assertThat(documents().get(URSULA)).isEqualTo(ursula(List.of(
        dispossessed(List.of(new CatalogEdition(renumbered, "hardcover", GOLLANCZ, HARDCOVER_LOANS),
            new CatalogEdition(EBOOK, "ebook", null, List.of()))),
        lathe()), 1));
  }

  @Test
  void shouldShowRenamesOfACountryATagAndAMemberFromEveryLevel() {
    givenUrsulasCatalogue().emit();

    library.update("countries", country("GB", "Britain")).update("tags", tag("apple", "Apple trees"))
        .update("members", member(10, "Ten Renamed")).emit();

    var loans = List.of(HARDCOVER_LOANS.get(0), HARDCOVER_LOANS.get(1), new CatalogLoan(10, "Ten Renamed", "2026-03-01", null));
    assertThat(documents().get(URSULA)).isEqualTo(ursula(List.of(
        new CatalogBook(DISPOSSESSED, "The Dispossessed", List.of("Zebras", "Apple trees", "Pastry"), List.of(
            new CatalogEdition(HARDCOVER, "hardcover",
                new CatalogPublisher("gollancz", "Gollancz", new CatalogCountry("GB", "Britain")), loans),
            new CatalogEdition(EBOOK, "ebook", null, List.of()))),
        lathe()), 1));
  }

  @Test
  void shouldShowNoPublisherWhenItsRowIsDeletedAndNoCountryWhenThePublisherHasNone() {
    givenUrsulasCatalogue().emit();

    library.update("publishers", publisher("gollancz", "Gollancz", null)).emit();
    assertThat(documents().get(URSULA).getBooks().get(0).getEditions().get(0).getPublisher())
        .isEqualTo(new CatalogPublisher("gollancz", "Gollancz", null));

    library.delete("publishers", Map.of("code", "gollancz")).emit();
    assertThat(documents().get(URSULA).getBooks().get(0).getEditions().get(0))
        .isEqualTo(new CatalogEdition(HARDCOVER, "hardcover", null, HARDCOVER_LOANS));
  }

  @Test
  void shouldWriteNothingForChangesOutsideTheCatalogue() {
    givenUrsulasCatalogue().emit();
    library.newWrites("library-authors");

    library.delete("loans", loanKey("978-never", 1, "2026-01-01")) // a row that never existed
        .insert("books", book(MORT, TERRY, "Mort")) // a book of an author that does not exist
        .insert("editions", edition("978-x", MORT, "ebook", null)).emit();

    assertThat(library.newWrites("library-authors")).isEmpty();
  }
}
