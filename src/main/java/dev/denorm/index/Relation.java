package dev.denorm.index;

import java.util.Set;
import dev.denorm.cdc.ChangeTable;
import org.apache.avro.specific.SpecificRecord;

/**
 * One source of the rows a document is built from: the document's {@link Root} row, its
 * {@link Children} (one-to-many, by a foreign key to the root) or a {@link Lookup} (many-to-one,
 * by a foreign key of the root or of a child). The name is unique within its index and names the
 * relation's state store and routing topic: {@code <index>-<name>}.
 *
 * @param <R> the row type of the relation's table
 */
public sealed interface Relation<R extends SpecificRecord> permits Root, Children, Lookup {

  String name();

  ChangeTable<R> table();

  /** The columns the documents show beside the keys; null: all of them. */
  default Set<String> columns() {
    return null;
  }
}
