package dev.denorm.index;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The current rows of one document, as {@link DocumentIndex#assemble} reads them. */
public interface Rows {

  /** The root row; it always exists when a document is assembled. */
  <R extends SpecificRecord> R root(Root<R> root);

  /** The children of the document's root row, sorted by their primary key. */
  <C extends SpecificRecord> List<C> children(Children<?, C> children);

  /**
   * The children of {@code parent}, a row of the children's parent relation (a line of an order,
   * the customer an order looked up), sorted by their primary key.
   */
  <P extends SpecificRecord, C extends SpecificRecord> List<C> children(Children<P, C> children, P parent);

  /** The row {@code from}'s foreign key points to; null when the key is null, no such row exists or it fails the filter. */
  <F extends SpecificRecord, T extends SpecificRecord> T lookup(Lookup<F, T> lookup, F from);
}
