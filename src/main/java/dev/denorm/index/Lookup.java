package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * A many-to-one reference: the row of {@code table} whose primary key {@code foreignKey} columns
 * of a row of {@code from} hold (from the root, children or another lookup: an order's customer,
 * that customer's region). A change of the referenced row changes every document that references
 * it, through any number of lookups. A null foreign key references nothing.
 *
 * @param <F> the row type that holds the foreign key
 * @param <T> the referenced row type
 */
public record Lookup<F extends SpecificRecord, T extends SpecificRecord>(
    String name, Relation<F> from, ChangeTable<T> table, List<String> foreignKey, Set<String> columns,
    RowFilter<T> filter) implements Relation<T> {

  public Lookup {
    foreignKey = List.copyOf(foreignKey);
    columns = columns == null ? null : Set.copyOf(columns);
    ChangeTable.checkForeignKey(name, from.table(), foreignKey, table);
  }

  @Override
  public Relation<?> parent() {
    return from;
  }

  /**
   * The documents show only these columns of the referenced row: a change of other columns (a
   * product's price, for an order that shows its name) re-assembles no document. assemble must
   * read no other column of it (they may be out of date).
   */
  public Lookup<F, T> showing(String... shownColumns) {
    return new Lookup<>(name, from, table, foreignKey, Set.of(shownColumns), filter);
  }

  /**
   * Only referenced rows that pass; one that fails reads as missing ({@link Rows#lookup} gives
   * null), so the index treats it as it treats a missing row: an inner join drops the document or
   * element (only orders of active customers), an outer one shows nothing.
   */
  public Lookup<F, T> where(Predicate<? super T> rowFilter) {
    return new Lookup<>(name, from, table, foreignKey, columns, new RowFilter<>(null, rowFilter));
  }

  /** As {@link #where(Predicate)}, with the condition in words (the oracle SQL's), which the plan's description shows. */
  public Lookup<F, T> where(String condition, Predicate<? super T> rowFilter) {
    return new Lookup<>(name, from, table, foreignKey, columns, new RowFilter<>(condition, rowFilter));
  }

  /** The row of {@code target} the referenced row's {@code foreignKey} columns point to, e.g. a customer's region. */
  public <U extends SpecificRecord> Lookup<T, U> lookup(String lookupName, ChangeTable<U> target, String... lookupForeignKey) {
    return new Lookup<>(lookupName, this, target, List.of(lookupForeignKey), null, null);
  }

  /** Rows of {@code child} whose {@code foreignKey} columns hold the referenced row's key, e.g. a customer's addresses. */
  public <C extends SpecificRecord> Children<T, C> children(String childName, ChangeTable<C> child, String... childForeignKey) {
    return new Children<>(childName, this, child, List.of(childForeignKey), null, null);
  }
}
