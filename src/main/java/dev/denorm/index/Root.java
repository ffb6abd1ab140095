package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * The root table of an index: one document per row (that passes the filter, if any), the row's
 * primary key is the document id ({@link dev.denorm.cdc.RowKey#text()}), and the document exists
 * exactly while the row does.
 */
public record Root<R extends SpecificRecord>(ChangeTable<R> table, RowFilter<R> filter) implements Relation<R> {

  public static <R extends SpecificRecord> Root<R> of(ChangeTable<R> table) {
    return new Root<>(table, null);
  }

  /** Only rows that pass: one that stops passing (a soft delete, a draft) has its document deleted. */
  public Root<R> where(Predicate<? super R> rowFilter) {
    return new Root<>(table, new RowFilter<>(null, rowFilter));
  }

  /** As {@link #where(Predicate)}, with the condition in words (the oracle SQL's), which the plan's description shows. */
  public Root<R> where(String condition, Predicate<? super R> rowFilter) {
    return new Root<>(table, new RowFilter<>(condition, rowFilter));
  }

  @Override
  public String name() {
    return "root";
  }

  @Override
  public Relation<?> parent() {
    return null;
  }

  @Override
  public List<String> foreignKey() {
    return List.of();
  }

  @Override
  public Set<String> columns() {
    return null;
  }

  /** Rows of {@code child} whose {@code foreignKey} columns hold this root's key, e.g. an order's lines. */
  public <C extends SpecificRecord> Children<R, C> children(String name, ChangeTable<C> child, String... foreignKey) {
    return new Children<>(name, this, child, List.of(foreignKey), null, null);
  }

  /** The row of {@code target} whose key the root row's {@code foreignKey} columns hold, e.g. an order's customer. */
  public <T extends SpecificRecord> Lookup<R, T> lookup(String name, ChangeTable<T> target, String... foreignKey) {
    return new Lookup<>(name, this, target, List.of(foreignKey), null, null);
  }
}
