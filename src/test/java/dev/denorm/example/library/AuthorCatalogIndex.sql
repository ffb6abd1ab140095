-- The documents of the library-authors index (AuthorCatalogIndex), for verify: one per author that is not
-- soft-deleted, with their published, not deleted books; each book's tag labels and active editions, each
-- edition's publisher (and its country) and loans. Lists are in the order of their rows' primary keys:
-- uuids as their text, text by its bytes (COLLATE "C"), a loan by member id, then date.
WITH loan AS (
  SELECT l.isbn,
         jsonb_agg(jsonb_build_object('member_id', l.member_id, 'member_name', m.name,
                                      'loaned_on', to_char(l.loaned_on, 'YYYY-MM-DD'),
                                      'returned_on', to_char(l.returned_on, 'YYYY-MM-DD'))
                   ORDER BY l.member_id, l.loaned_on) AS loans,
         count(*) FILTER (WHERE l.returned_on IS NULL) AS open_loans
  FROM library.loans l
  LEFT JOIN library.members m ON m.id = l.member_id
  GROUP BY l.isbn
), edition AS (
  SELECT e.book_id,
         jsonb_agg(jsonb_build_object(
                     'isbn', e.isbn, 'format', e.format,
                     'publisher', CASE WHEN p.code IS NOT NULL THEN jsonb_build_object(
                                    'code', p.code, 'name', p.name,
                                    'country', CASE WHEN c.code IS NOT NULL
                                                    THEN jsonb_build_object('code', c.code, 'name', c.name) END) END,
                     'loans', COALESCE(loan.loans, '[]'::jsonb))
                   ORDER BY e.isbn COLLATE "C") AS editions,
         sum(COALESCE(loan.open_loans, 0)) AS open_loans
  FROM library.editions e
  LEFT JOIN library.publishers p ON p.code = e.publisher_code
  LEFT JOIN library.countries c ON c.code = p.country_code
  LEFT JOIN loan ON loan.isbn = e.isbn
  WHERE e.active
  GROUP BY e.book_id
), tag AS (
  SELECT bt.book_id, jsonb_agg(t.label ORDER BY bt.tag_slug COLLATE "C") AS labels
  FROM library.book_tags bt
  JOIN library.tags t ON t.slug = bt.tag_slug
  GROUP BY bt.book_id
), book AS (
  SELECT b.author_id,
         jsonb_agg(jsonb_build_object('id', b.id::text, 'title', b.title,
                                      'tags', COALESCE(tag.labels, '[]'::jsonb),
                                      'editions', COALESCE(edition.editions, '[]'::jsonb))
                   ORDER BY b.id::text COLLATE "C") AS books,
         count(*) AS book_count,
         sum(COALESCE(edition.open_loans, 0)) AS open_loans
  FROM library.books b
  LEFT JOIN edition ON edition.book_id = b.id
  LEFT JOIN tag ON tag.book_id = b.id
  WHERE b.deleted_at IS NULL AND b.status = 'published'
  GROUP BY b.author_id
)
SELECT a.id::text AS doc_id,
       jsonb_build_object('id', a.id::text, 'name', a.name,
                          'books', COALESCE(book.books, '[]'::jsonb),
                          'book_count', COALESCE(book.book_count, 0),
                          'open_loans', COALESCE(book.open_loans, 0)) AS doc
FROM library.authors a
LEFT JOIN book ON book.author_id = a.id
WHERE a.deleted_at IS NULL;
