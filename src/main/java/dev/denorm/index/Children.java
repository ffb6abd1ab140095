package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rows of a child table that belong to a parent row: those whose {@code foreignKey} columns
 * hold the parent's key (an order's lines, a line's discounts, a book's tags through a join
 * table). The parent is the root, other children or a looked-up row. A child that moves to
 * another parent leaves the old parent's document and joins the new one's, with its own children.
 *
 * @param <P> the parent row type
 * @param <C> the child row type
 */
public record Children<P extends SpecificRecord, C extends SpecificRecord>(
    String name, Relation<P> parent, ChangeTable<C> table, List<String> foreignKey, Set<String> columns,
    RowFilter<C> filter) implements Relation<C> {

  public Children {
    foreignKey = List.copyOf(foreignKey);
    columns = columns == null ? null : Set.copyOf(columns);
    ChangeTable.checkForeignKey(name, table, foreignKey, parent.table());
  }

  /**
   * The documents show only these columns of a child (beside its key and foreign key; none: the
   * children are only counted): a change of other columns is not routed to the documents at all.
   * assemble must read no other column.
   */
  public Children<P, C> showing(String... shownColumns) {
    return new Children<>(name, parent, table, foreignKey, Set.of(shownColumns), filter);
  }

  /** Only children that pass: one that stops passing leaves its parent's element list, with its own children. */
  public Children<P, C> where(Predicate<? super C> rowFilter) {
    return new Children<>(name, parent, table, foreignKey, columns, new RowFilter<>(null, rowFilter));
  }

  /** As {@link #where(Predicate)}, with the condition in words (the oracle SQL's), which the plan's description shows. */
  public Children<P, C> where(String condition, Predicate<? super C> rowFilter) {
    return new Children<>(name, parent, table, foreignKey, columns, new RowFilter<>(condition, rowFilter));
  }

  /** The rows of {@code child} whose {@code foreignKey} columns hold each of these rows' key, e.g. an order's lines. */
  public <G extends SpecificRecord> Children<C, G> children(String childName, ChangeTable<G> child, String... childForeignKey) {
    return new Children<>(childName, this, child, List.of(childForeignKey), null, null);
  }

  /** The row of {@code target} whose key each child's {@code foreignKey} columns hold, e.g. a line's product. */
  public <T extends SpecificRecord> Lookup<C, T> lookup(String lookupName, ChangeTable<T> target, String... lookupForeignKey) {
    return new Lookup<>(lookupName, this, target, List.of(lookupForeignKey), null, null);
  }
}
