-- The library of issue 27's second example ("your own database"), in a schema of its own (denorm.source.schema=library).
-- Unlike the shop: text, uuid and composite keys (one with a date), soft deletes, a status filter, a lookup of a
-- lookup, three levels of children and a many-to-many through a join table.
CREATE SCHEMA IF NOT EXISTS library;

CREATE TABLE IF NOT EXISTS library.countries (
  code char(2) PRIMARY KEY,
  name text    NOT NULL
);
CREATE TABLE IF NOT EXISTS library.publishers (
  code         text    PRIMARY KEY,
  name         text    NOT NULL,
  country_code char(2) REFERENCES library.countries(code)
);
CREATE TABLE IF NOT EXISTS library.authors (
  id         uuid        PRIMARY KEY,
  name       text        NOT NULL,
  deleted_at timestamptz
);
CREATE TABLE IF NOT EXISTS library.books (
  id         uuid        PRIMARY KEY,
  author_id  uuid        NOT NULL REFERENCES library.authors(id),
  title      text        NOT NULL,
  status     text        NOT NULL CHECK (status IN ('draft', 'published')),
  deleted_at timestamptz
);
CREATE TABLE IF NOT EXISTS library.editions (
  isbn           text    PRIMARY KEY,
  book_id        uuid    NOT NULL REFERENCES library.books(id) ON DELETE CASCADE,
  format         text    NOT NULL,
  publisher_code text    REFERENCES library.publishers(code),
  active         boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS library.members (
  id   integer PRIMARY KEY,
  name text    NOT NULL
);
CREATE TABLE IF NOT EXISTS library.loans (
  isbn        text    REFERENCES library.editions(isbn) ON UPDATE CASCADE ON DELETE CASCADE,
  member_id   integer REFERENCES library.members(id),
  loaned_on   date,
  returned_on date,
  PRIMARY KEY (isbn, member_id, loaned_on)
);
CREATE TABLE IF NOT EXISTS library.tags (
  slug  text PRIMARY KEY,
  label text NOT NULL
);
CREATE TABLE IF NOT EXISTS library.book_tags (
  book_id  uuid REFERENCES library.books(id) ON DELETE CASCADE,
  tag_slug text REFERENCES library.tags(slug) ON UPDATE CASCADE ON DELETE CASCADE,
  PRIMARY KEY (book_id, tag_slug)
);
