package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One source of the rows a document is built from: the document's {@link Root} row, its
 * {@link Children} (one-to-many: rows whose foreign key is a row's key) or a {@link Lookup}
 * (many-to-one: the row a foreign key points to). Relations form a tree from the root, to any
 * depth: children of children, lookups of looked-up rows, children of a looked-up row; a
 * many-to-many is children of the join table with a lookup from them. The name is unique within
 * its index and names the relation's state store and routing topic: {@code <index>-<name>}.
 *
 * @param <R> the row type of the relation's table
 */
public sealed interface Relation<R extends SpecificRecord> permits Root, Children, Lookup {

  String name();

  ChangeTable<R> table();

  /** The relation this one hangs from: the parent of children, where a lookup's foreign key is; null for the root. */
  Relation<?> parent();

  /**
   * The columns of the row that hold the reference: a child's columns that hold its parent's key, a
   * lookup's source row's columns that hold the looked-up row's key; empty for the root.
   */
  List<String> foreignKey();

  /** The columns the documents show beside the keys; null: all of them. */
  Set<String> columns();

  /**
   * Which rows take part ({@code where}); null: all. A row that fails it is as absent: a root row
   * has no document, a child no element, a looked-up row reads as missing. A row that starts or
   * stops passing it enters or leaves the documents as an insert or a delete would.
   */
  RowFilter<R> filter();
}
