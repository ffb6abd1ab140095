-- The documents of the authors index (the "Add an index" example of docs/writing-an-index.md), for verify.
SELECT a.id::text AS doc_id,
       jsonb_build_object('id', a.id, 'name', a.name, 'country', a.country,
                          'bio', (SELECT p.bio FROM shop.author_profiles p WHERE p.id = a.id),
                          'books', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', b.id, 'title', b.title,
                                                                                 'published_year', b.published_year)
                                                              ORDER BY b.id)
                                             FROM shop.books b WHERE b.author_id = a.id), '[]'::jsonb),
                          'book_count', (SELECT count(*) FROM shop.books b WHERE b.author_id = a.id)) AS doc
FROM shop.authors a;
