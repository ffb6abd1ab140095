package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryRows.author;
import static dev.denorm.example.library.LibraryRows.book;
import static dev.denorm.example.library.LibraryRows.edition;
import static dev.denorm.example.library.LibraryRows.loan;
import static dev.denorm.example.library.LibraryRows.loanKey;
import static dev.denorm.example.library.LibraryRows.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.testkit.IndexTestDriver;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library-loans index: a root with a three-column key (one a date), so a document id of three parts,
 * and lookups three deep (edition, its book, the book's author).
 */
class LoanIndexTest {

  static final String URSULA = "5d0c3e1a-7b2f-4e8d-9a61-c4b3f2e1d0a9";
  static final String TERRY = "c2a4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f";
  static final String LATHE = "9a7b6c5d-4e3f-4a1b-8c2d-3e4f5a6b7c8d";
  static final String MORT = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  static final String ID = "978-1,7,2026-03-01";

  private final IndexTestDriver library = new IndexTestDriver(new LoanIndex());

  @AfterEach
  void close() {
    library.close();
  }

  private Map<String, LoanDocument> documents() {
    return library.documents("library-loans");
  }

  private IndexTestDriver givenALoan() {
    return library.insert("authors", author(URSULA, "Ursula")).insert("books", book(LATHE, URSULA, "The Lathe of Heaven"))
        .insert("editions", edition("978-1", LATHE, "paperback", null)).insert("members", member(7, "Seven"))
        .insert("loans", loan("978-1", 7, "2026-03-01", null));
  }

  private static LoanDocument loanOf(String returnedOn, String memberName, LoanEdition edition) {
    return new LoanDocument("978-1", 7, "2026-03-01", returnedOn, returnedOn == null, memberName, edition);
  }

  private static LoanEdition paperbackBy(String authorId, String authorName) {
    return new LoanEdition("paperback", new LoanBook(LATHE, "The Lathe of Heaven", new LoanAuthor(authorId, authorName)));
  }

  @Test
  void shouldIdentifyTheLoanByItsThreeKeyColumnsAndShowMemberEditionBookAndAuthor() {
    givenALoan().emit();

    assertThat(documents()).containsExactly(Map.entry(ID, loanOf(null, "Seven", paperbackBy(URSULA, "Ursula"))));
  }

  @Test
  void shouldEscapeCommaAndPercentOfAKeyColumnInTheDocumentId() {
    library.insert("loans", loan("odd,isbn%1", 10, "2025-12-31", "2026-01-02")).emit();

    assertThat(documents()).containsExactly(Map.entry("odd%2Cisbn%251,10,2025-12-31",
        new LoanDocument("odd,isbn%1", 10, "2025-12-31", "2026-01-02", false, null, null)));
  }

  @Test
  void shouldFillTheLookupsThreeDeepAsTheirRowsArriveAfterTheLoan() {
    library.insert("loans", loan("978-1", 7, "2026-03-01", null)).emit();
    assertThat(documents().get(ID)).isEqualTo(loanOf(null, null, null));

    library.insert("editions", edition("978-1", LATHE, "paperback", null)).emit();
    assertThat(documents().get(ID)).isEqualTo(loanOf(null, null, new LoanEdition("paperback", null)));

    library.insert("books", book(LATHE, URSULA, "The Lathe of Heaven")).emit();
    assertThat(documents().get(ID)).isEqualTo(loanOf(null, null,
        new LoanEdition("paperback", new LoanBook(LATHE, "The Lathe of Heaven", null))));

    library.insert("authors", author(URSULA, "Ursula")).insert("members", member(7, "Seven")).emit();
    assertThat(documents().get(ID)).isEqualTo(loanOf(null, "Seven", paperbackBy(URSULA, "Ursula")));
  }

  @Test
  void shouldFollowAnAuthorRenameAndABookMovedToAnotherAuthorThroughEditionAndBook() {
    givenALoan().insert("authors", author(TERRY, "Terry")).emit();

    library.update("authors", author(URSULA, "Ursula K.")).emit();
    assertThat(documents().get(ID)).isEqualTo(loanOf(null, "Seven", paperbackBy(URSULA, "Ursula K.")));

    library.update("books", book(LATHE, TERRY, "The Lathe of Heaven")).emit();
    assertThat(documents().get(ID)).isEqualTo(loanOf(null, "Seven", paperbackBy(TERRY, "Terry")));
  }

  @Test
  void shouldFollowTheEditionToAnotherBookOfAnotherAuthor() {
    givenALoan().insert("authors", author(TERRY, "Terry")).insert("books", book(MORT, TERRY, "Mort")).emit();

    library.update("editions", edition("978-1", MORT, "paperback", null)).emit();

    assertThat(documents().get(ID)).isEqualTo(loanOf(null, "Seven",
        new LoanEdition("paperback", new LoanBook(MORT, "Mort", new LoanAuthor(TERRY, "Terry")))));
  }

  @Test
  void shouldCloseTheLoanWhenItIsReturned() {
    givenALoan().emit();

    library.update("loans", loan("978-1", 7, "2026-03-01", "2026-03-15")).emit();

    assertThat(documents().get(ID)).isEqualTo(loanOf("2026-03-15", "Seven", paperbackBy(URSULA, "Ursula")));
  }

  @Test
  void shouldDeleteTheDocumentOfALoanDeletedByItsCompositeKeyAndNoOtherLoan() {
    givenALoan().insert("loans", loan("978-1", 7, "2026-04-01", null)).emit();
    library.newWrites("library-loans");

    library.delete("loans", loanKey("978-1", 7, "2026-03-01")).emit();

    assertThat(library.<LoanDocument>newWrites("library-loans")).containsExactly(KeyValue.pair(ID, null));
  }
}
