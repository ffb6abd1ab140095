package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Relation;
import dev.denorm.index.Root;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;

/**
 * How the stores of an index key each relation's rows (every key a {@link RowKey}, several one
 * after the other):
 * <pre>
 * root                         document key
 * children of the root         document key, own key
 * children of owned children   document key, parent key, own key    (routed through a ParentResolver)
 * lookup                       own key                              (shared: copied to every partition)
 * children of a lookup         parent key, own key                  (shared)
 * lookup references            looked-up key, the referencing row's store key
 * </pre>
 * So a prefix scan finds the children of a parent row, and the references to a looked-up row.
 */
final class Layout {

  private final int documentColumns;

  Layout(DocumentPlan plan) {
    this.documentColumns = plan.root().table().keyColumns().size();
  }

  /** Columns of the document key, the first of every owned row's store key. */
  int documentColumns() {
    return documentColumns;
  }

  /** Whether the relation's rows reach the assembly through a {@link ParentResolver}: children of owned children. */
  static boolean resolved(Relation<?> relation) {
    return relation instanceof Children<?, ?> c && DocumentPlan.isOwned(c) && !(c.parent() instanceof Root<?>);
  }

  /** The document key an owned row's store key starts with. */
  byte[] documentOf(byte[] storeKey) {
    int length = RowKey.prefixLength(storeKey, documentColumns);
    return length == storeKey.length ? storeKey : Arrays.copyOf(storeKey, length);
  }

  /** The prefix of the store keys of {@code children}'s rows under {@code parent}, in document {@code document}. */
  RowKey childrenPrefix(Children<?, ?> children, RowKey document, SpecificRecord parent) {
    return switch (children.parent()) {
      case Root<?> r -> document;
      case Children<?, ?> p -> RowKey.concat(document, keyOf(p, parent));
      case Lookup<?, ?> l -> keyOf(l, parent);
    };
  }

  /** The key a shared row (a looked-up row, or a child of one) is known by to the relation below it: its own key. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static RowKey keyOf(Relation relation, SpecificRecord row) {
    return relation.table().keyOf(row);
  }
}
