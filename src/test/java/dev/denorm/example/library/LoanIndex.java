package dev.denorm.example.library;

import static dev.denorm.example.library.LibraryTables.AUTHORS;
import static dev.denorm.example.library.LibraryTables.BOOKS;
import static dev.denorm.example.library.LibraryTables.EDITIONS;
import static dev.denorm.example.library.LibraryTables.MEMBERS;

import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.serde.AvroSerde;

/**
 * A loan, whose key is three columns (isbn, member_id, loaned_on: the document id is their texts joined
 * with ','), with its member's name and its edition, the edition's book and the book's author: lookups
 * three deep, each null when its row is missing.
 *
 * <pre>
 * root      loans
 * lookup    member   loans.member_id -&gt; members (name)
 * lookup    edition  loans.isbn -&gt; editions (format, book_id)
 * lookup    book     editions.book_id -&gt; books (title, author_id)
 * lookup    author   books.author_id -&gt; authors (name)
 * </pre>
 */
public final class LoanIndex implements DocumentIndex<LoanDocument> {

  static final Root<LoanRow> LOAN = Root.of(LibraryTables.LOANS);
  static final Lookup<LoanRow, MemberRow> MEMBER = LOAN.lookup("member", MEMBERS, "member_id").showing("name");
  static final Lookup<LoanRow, EditionRow> EDITION = LOAN.lookup("edition", EDITIONS, "isbn").showing("format"); // book_id: a lookup follows it, so it is routed anyway
  static final Lookup<EditionRow, BookRow> BOOK = EDITION.lookup("book", BOOKS, "book_id").showing("title");
  static final Lookup<BookRow, AuthorRow> AUTHOR = BOOK.lookup("author", AUTHORS, "author_id").showing("name");

  @Override
  public String name() {
    return "library-loans";
  }

  @Override
  public AvroSerde<LoanDocument> documentSerde() {
    return AvroSerde.of(LoanDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(LOAN, MEMBER, EDITION, BOOK, AUTHOR);
  }

  @Override
  public LoanDocument assemble(Rows rows) {
    LoanRow loan = rows.root(LOAN);
    MemberRow member = rows.lookup(MEMBER, loan);
    return LoanDocument.newBuilder()
        .setIsbn(loan.getIsbn())
        .setMemberId(loan.getMemberId())
        .setLoanedOn(loan.getLoanedOn().toString())
        .setReturnedOn(loan.getReturnedOn() == null ? null : loan.getReturnedOn().toString())
        .setOpen(loan.getReturnedOn() == null)
        .setMemberName(member == null ? null : member.getName())
        .setEdition(edition(rows, rows.lookup(EDITION, loan)))
        .build();
  }

  private static LoanEdition edition(Rows rows, EditionRow edition) {
    if (edition == null) {
      return null;
    }
    BookRow book = rows.lookup(BOOK, edition);
    LoanBook shownBook = null;
    if (book != null) {
      AuthorRow author = rows.lookup(AUTHOR, book);
      shownBook = new LoanBook(book.getId(), book.getTitle(),
          author == null ? null : new LoanAuthor(author.getId(), author.getName()));
    }
    return new LoanEdition(edition.getFormat(), shownBook);
  }
}
