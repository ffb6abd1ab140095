package dev.denorm.index;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The current rows of one document, as {@link DocumentIndex#assemble} reads them. */
public interface Rows {

  /** The root row; it always exists when a document is assembled. */
  <R extends SpecificRecord> R root(Root<R> root);

  /** The children of the document, sorted by their primary key. */
  <C extends SpecificRecord> List<C> children(Children<?, C> children);

  /** The row {@code from}'s foreign key points to; null when the key is null or no such row exists. */
  <F extends SpecificRecord, T extends SpecificRecord> T lookup(Lookup<F, T> lookup, F from);
}
