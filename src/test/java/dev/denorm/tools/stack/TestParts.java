package dev.denorm.tools.stack;

import java.util.function.Consumer;
import java.nio.file.Path;
import java.util.Optional;

/** Single embedded parts for tests that need only some of the stack. */
public final class TestParts {

  private TestParts() {}

  /** PostgreSQL with logical decoding on a free port, in a temporary cluster. */
  public static AutoCloseable postgres(Consumer<String> jdbcUrl) {
    var pg = LocalPostgres.start(0, Optional.empty());
    jdbcUrl.accept(pg.jdbcUrl());
    return pg;
  }

  /** OpenSearch on a free port with its files under {@code dir}. */
  public static AutoCloseable search(Path dir, Consumer<String> url) {
    var search = LocalSearch.start(0, dir);
    url.accept(search.url());
    return search;
  }
}
