package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rows of a child table that belong to a document: those whose {@code parentKey} is the root
 * row's id (an order's lines, a customer's addresses). A child that moves to another parent
 * leaves the old parent's document and joins the new one's.
 *
 * @param <P> the root row type
 * @param <C> the child row type
 */
public record Children<P extends SpecificRecord, C extends SpecificRecord>(
    String name, Root<P> parent, ChangeTable<C> table, Function<C, Long> parentKey, Set<String> columns)
    implements Relation<C> {

  public Children {
    columns = columns == null ? null : Set.copyOf(columns);
  }

  /**
   * The documents show only these columns of a child (beside its key and parent key; none: the
   * children are only counted): a change of other columns is not routed to the documents at all.
   * assemble must read no other column.
   */
  public Children<P, C> showing(String... shownColumns) {
    return new Children<>(name, parent, table, parentKey, Set.of(shownColumns));
  }

  /** The row of {@code target} that each child's {@code key} points to, e.g. a line's product. */
  public <T extends SpecificRecord> Lookup<C, T> lookup(String lookupName, ChangeTable<T> target, Function<C, Long> key) {
    return new Lookup<>(lookupName, this, target, key, null);
  }
}
