package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The root table of an index: one document per row, the row's primary key is the document id,
 * and the document exists exactly while the row does.
 */
public record Root<R extends SpecificRecord>(ChangeTable<R> table) implements Relation<R> {

  public static <R extends SpecificRecord> Root<R> of(ChangeTable<R> table) {
    return new Root<>(table);
  }

  @Override
  public String name() {
    return "root";
  }

  /** Rows of {@code child} whose {@code parentKey} is this root's id, e.g. an order's lines. */
  public <C extends SpecificRecord> Children<R, C> children(String name, ChangeTable<C> child, Function<C, Long> parentKey) {
    return new Children<>(name, this, child, parentKey, null);
  }

  /** The row of {@code target} that the root row's {@code key} points to, e.g. an order's customer. */
  public <T extends SpecificRecord> Lookup<R, T> lookup(String name, ChangeTable<T> target, Function<R, Long> key) {
    return new Lookup<>(name, this, target, key, null);
  }
}
