package dev.denorm.example.library;

import static dev.denorm.example.library.AuthorCatalogIndex.AUTHOR;
import static dev.denorm.example.library.AuthorCatalogIndex.BOOKS;
import static dev.denorm.example.library.AuthorCatalogIndex.BOOK_TAGS;
import static dev.denorm.example.library.AuthorCatalogIndex.COUNTRY;
import static dev.denorm.example.library.AuthorCatalogIndex.EDITIONS;
import static dev.denorm.example.library.AuthorCatalogIndex.LOANS;
import static dev.denorm.example.library.AuthorCatalogIndex.MEMBER;
import static dev.denorm.example.library.AuthorCatalogIndex.PUBLISHER;
import static dev.denorm.example.library.AuthorCatalogIndex.TAG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.testkit.TestRows;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue document from rows stated by hand (TestRows): no Kafka Streams, no change events. */
class AuthorCatalogAssemblerTest {

  private static final String URSULA = "5d0c3e1a-7b2f-4e8d-9a61-c4b3f2e1d0a9";
  private static final String DISPOSSESSED = "0e3f8c2a-4b1d-4c6e-8f7a-1a2b3c4d5e6f";

  private final AuthorRow author = new AuthorRow(URSULA, "Ursula", null);
  private final BookRow book = new BookRow(DISPOSSESSED, URSULA, "The Dispossessed", "published", null);
  private final EditionRow hardcover = new EditionRow("978-B-1", DISPOSSESSED, "hardcover", "gollancz", true);
  private final EditionRow ebook = new EditionRow("978-a-2", DISPOSSESSED, "ebook", null, true);
  private final PublisherRow gollancz = new PublisherRow("gollancz", "Gollancz", "GB");
  private final LoanRow returned = new LoanRow("978-B-1", 9, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 10));
  private final LoanRow open = new LoanRow("978-B-1", 10, LocalDate.of(2026, 3, 1), null);
  private final BookTagRow scifi = new BookTagRow(DISPOSSESSED, "sf");
  private final BookTagRow gone = new BookTagRow(DISPOSSESSED, "zz-missing");

  @Test
  void shouldNestEditionsWithPublisherCountryAndLoansAndCountOnlyOpenLoans() {
    var rows = TestRows.of(AUTHOR, author)
        .children(BOOKS, author, book)
        .children(BOOK_TAGS, book, scifi, gone)
        .lookup(TAG, scifi, new TagRow("sf", "Science fiction"))
        .children(EDITIONS, book, hardcover, ebook)
        .lookup(PUBLISHER, hardcover, gollancz)
        .lookup(COUNTRY, gollancz, new CountryRow("GB", "United Kingdom"))
        .children(LOANS, hardcover, returned, open)
        .lookup(MEMBER, returned, new MemberRow(9, "Nine"));

    var document = new AuthorCatalogAssembler(rows).document();

    var expectedHardcover = new CatalogEdition("978-B-1", "hardcover",
        new CatalogPublisher("gollancz", "Gollancz", new CatalogCountry("GB", "United Kingdom")),
        List.of(new CatalogLoan(9, "Nine", "2026-02-01", "2026-02-10"),
            new CatalogLoan(10, null, "2026-03-01", null)));
    var expectedEbook = new CatalogEdition("978-a-2", "ebook", null, List.of());
    assertThat(document).isEqualTo(new AuthorCatalogDocument(URSULA, "Ursula",
        List.of(new CatalogBook(DISPOSSESSED, "The Dispossessed", List.of("Science fiction"),
            List.of(expectedHardcover, expectedEbook))),
        1, 1));
  }

  @Test
  void shouldGiveAnAuthorWithoutBooksAnEmptyCatalogue() {
    var document = new AuthorCatalogAssembler(TestRows.of(AUTHOR, author)).document();

    assertThat(document).isEqualTo(new AuthorCatalogDocument(URSULA, "Ursula", List.of(), 0, 0));
  }
}
