package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.Children;
import dev.denorm.index.Relation;
import org.apache.avro.specific.SpecificRecord;

/** Reads a relation's foreign key (the columns that hold its parent's or looked-up row's key) from a row. */
final class ForeignKey {

  private final int[] positions;

  private ForeignKey(int[] positions) {
    this.positions = positions;
  }

  static ForeignKey of(Relation<?> relation) {
    // a child holds its parent's key; a lookup's key is held by the row it starts from
    var schema = relation instanceof Children<?, ?> ? relation.table().rowSchema() : relation.parent().table().rowSchema();
    return new ForeignKey(relation.foreignKey().stream().mapToInt(c -> schema.getField(c).pos()).toArray());
  }

  /** The key the row's foreign-key columns hold; null when one of them is null (it references nothing). */
  RowKey of(SpecificRecord row) {
    Object[] values = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      values[i] = row.get(positions[i]);
      if (values[i] == null) {
        return null;
      }
    }
    return RowKey.of(values);
  }
}
