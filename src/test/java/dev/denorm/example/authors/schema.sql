-- The tables of the "Add an index" example of docs/writing-an-index.md: tables of your own, next to the shop's.
CREATE TABLE IF NOT EXISTS shop.authors (
  id      bigint  PRIMARY KEY,
  name    text    NOT NULL,
  country char(2)
);
CREATE TABLE IF NOT EXISTS shop.author_profiles (
  id  bigint PRIMARY KEY REFERENCES shop.authors(id) ON DELETE CASCADE,
  bio text
);
CREATE TABLE IF NOT EXISTS shop.books (
  id             bigint PRIMARY KEY,
  author_id      bigint NOT NULL REFERENCES shop.authors(id) ON DELETE CASCADE,
  title          text   NOT NULL,
  published_year int
);
