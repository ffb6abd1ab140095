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

import dev.denorm.index.Rows;
import java.util.List;
import java.util.Objects;

/**
 * One author's catalogue document from its rows, level by level (books, editions, loans), counting the open
 * loans on the way. The lists keep the order the rows come in (their primary keys').
 */
final class AuthorCatalogAssembler {

  private final Rows rows;
  private int openLoans;

  AuthorCatalogAssembler(Rows rows) {
    this.rows = rows;
  }

  AuthorCatalogDocument document() {
    AuthorRow author = rows.root(AUTHOR);
    List<CatalogBook> books = rows.children(BOOKS).stream().map(this::book).toList();
    return AuthorCatalogDocument.newBuilder()
        .setId(author.getId())
        .setName(author.getName())
        .setBooks(books)
        .setBookCount(books.size())
        .setOpenLoans(openLoans)
        .build();
  }

  private CatalogBook book(BookRow book) {
    List<String> tags = rows.children(BOOK_TAGS, book).stream()
        .map(bookTag -> rows.lookup(TAG, bookTag))
        .filter(Objects::nonNull) // a tag row not (yet) there: the join of the oracle drops it too
        .map(TagRow::getLabel)
        .toList();
    return CatalogBook.newBuilder()
        .setId(book.getId())
        .setTitle(book.getTitle())
        .setTags(tags)
        .setEditions(rows.children(EDITIONS, book).stream().map(this::edition).toList())
        .build();
  }

  private CatalogEdition edition(EditionRow edition) {
    return CatalogEdition.newBuilder()
        .setIsbn(edition.getIsbn())
        .setFormat(edition.getFormat())
        .setPublisher(publisher(rows.lookup(PUBLISHER, edition)))
        .setLoans(rows.children(LOANS, edition).stream().map(this::loan).toList())
        .build();
  }

  private CatalogPublisher publisher(PublisherRow publisher) {
    if (publisher == null) {
      return null;
    }
    CountryRow country = rows.lookup(COUNTRY, publisher);
    return CatalogPublisher.newBuilder()
        .setCode(publisher.getCode())
        .setName(publisher.getName())
        .setCountry(country == null ? null : new CatalogCountry(country.getCode(), country.getName()))
        .build();
  }

  private CatalogLoan loan(LoanRow loan) {
    if (loan.getReturnedOn() == null) {
      openLoans++;
    }
    MemberRow member = rows.lookup(MEMBER, loan);
    return CatalogLoan.newBuilder()
        .setMemberId(loan.getMemberId())
        .setMemberName(member == null ? null : member.getName())
        .setLoanedOn(loan.getLoanedOn().toString())
        .setReturnedOn(loan.getReturnedOn() == null ? null : loan.getReturnedOn().toString())
        .build();
  }
}
