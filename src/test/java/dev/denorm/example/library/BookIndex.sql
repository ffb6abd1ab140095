-- The documents of the library-books index (BookIndex), for verify: one per published, not deleted book whose
-- author exists and is not soft-deleted, with all its editions (active or not; publisher and the publisher's
-- country name) by isbn and its tags by slug, both by their bytes (COLLATE "C").
SELECT b.id::text AS doc_id,
       jsonb_build_object(
         'id', b.id::text, 'title', b.title,
         'author', jsonb_build_object('id', a.id::text, 'name', a.name),
         'editions', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                        'isbn', e.isbn, 'format', e.format, 'active', e.active,
                                        'publisher', CASE WHEN p.code IS NOT NULL THEN jsonb_build_object(
                                                       'code', p.code, 'name', p.name, 'country', c.name) END)
                                      ORDER BY e.isbn COLLATE "C")
                               FROM library.editions e
                               LEFT JOIN library.publishers p ON p.code = e.publisher_code
                               LEFT JOIN library.countries c ON c.code = p.country_code
                               WHERE e.book_id = b.id), '[]'::jsonb),
         'tags', COALESCE((SELECT jsonb_agg(jsonb_build_object('slug', t.slug, 'label', t.label)
                                            ORDER BY bt.tag_slug COLLATE "C")
                           FROM library.book_tags bt
                           JOIN library.tags t ON t.slug = bt.tag_slug
                           WHERE bt.book_id = b.id), '[]'::jsonb)) AS doc
FROM library.books b
JOIN library.authors a ON a.id = b.author_id AND a.deleted_at IS NULL
WHERE b.deleted_at IS NULL AND b.status = 'published';
