package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * A many-to-one reference: the row of {@code table} whose primary key is {@code key} of a row of
 * {@code from} (the root or a children relation). A change of the referenced row changes every
 * document that references it. A null key references nothing.
 *
 * @param <F> the row type that holds the foreign key
 * @param <T> the referenced row type
 */
public record Lookup<F extends SpecificRecord, T extends SpecificRecord>(
    String name, Relation<F> from, ChangeTable<T> table, Function<F, Long> key, Set<String> columns)
    implements Relation<T> {

  /**
   * The documents show only these columns of the referenced row: a change of other columns (a
   * product's price, for an order that shows its name) re-assembles no document. assemble must
   * read no other column of it (they may be out of date).
   */
  public Lookup<F, T> showing(String... shownColumns) {
    return new Lookup<>(name, from, table, key, Set.of(shownColumns));
  }

  public Lookup {
    columns = columns == null ? null : Set.copyOf(columns);
    if (from instanceof Lookup<?, ?>) {
      throw new IllegalArgumentException("lookup " + name + ": a lookup can start from the root or from children,"
          + " not from another lookup");
    }
  }
}
