-- The documents of the library-tags index (TagIndex), for verify: one per tag, with the published, not deleted
-- books it is on (the other direction of book_tags), by book id.
SELECT t.slug AS doc_id,
       jsonb_build_object(
         'slug', t.slug, 'label', t.label,
         'books', COALESCE(tagged.books, '[]'::jsonb),
         'book_count', COALESCE(tagged.book_count, 0)) AS doc
FROM library.tags t
LEFT JOIN LATERAL (
  SELECT jsonb_agg(jsonb_build_object('id', b.id::text, 'title', b.title) ORDER BY b.id::text COLLATE "C") AS books,
         count(*) AS book_count
  FROM library.book_tags bt
  JOIN library.books b ON b.id = bt.book_id AND b.deleted_at IS NULL AND b.status = 'published'
  WHERE bt.tag_slug = t.slug
) tagged ON true;
