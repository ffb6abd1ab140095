-- The documents of the library-loans index (LoanIndex), for verify: one per loan, its id the three key columns
-- (pg_temp.doc_id), with its member's name and its edition, the edition's book and the book's author (each
-- null when its row is missing).
SELECT pg_temp.doc_id(l.isbn, l.member_id::text, l.loaned_on::text) AS doc_id,
       jsonb_build_object(
         'isbn', l.isbn, 'member_id', l.member_id,
         'loaned_on', to_char(l.loaned_on, 'YYYY-MM-DD'),
         'returned_on', to_char(l.returned_on, 'YYYY-MM-DD'),
         'open', l.returned_on IS NULL,
         'member_name', m.name,
         'edition', CASE WHEN e.isbn IS NOT NULL THEN jsonb_build_object(
                      'format', e.format,
                      'book', CASE WHEN b.id IS NOT NULL THEN jsonb_build_object(
                                'id', b.id::text, 'title', b.title,
                                'author', CASE WHEN a.id IS NOT NULL
                                               THEN jsonb_build_object('id', a.id::text, 'name', a.name) END) END) END) AS doc
FROM library.loans l
LEFT JOIN library.members m ON m.id = l.member_id
LEFT JOIN library.editions e ON e.isbn = l.isbn
LEFT JOIN library.books b ON b.id = e.book_id
LEFT JOIN library.authors a ON a.id = b.author_id;
