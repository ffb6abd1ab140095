package dev.denorm.testkit;

import dev.denorm.index.Children;
import dev.denorm.index.Lookup;
import dev.denorm.index.Relation;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rows of one document, stated by hand, to unit-test an index's {@code assemble} (or an
 * assembler that reads {@link Rows}) without Kafka Streams:
 * <pre>
 * var rows = TestRows.of(AUTHOR, author)
 *     .children(BOOKS, author, book)          // the children of a parent row, in key order
 *     .children(EDITIONS, book, edition)
 *     .lookup(PUBLISHER, edition, publisher); // the row a row's foreign key points to
 * </pre>
 * Unstated children are none and unstated lookups null (missing), as in the stores. Rows are
 * matched by equality; relations by identity, as the runtime does.
 */
public final class TestRows implements Rows {

  private final SpecificRecord root;
  private final Map<Relation<?>, Map<SpecificRecord, List<SpecificRecord>>> children = new IdentityHashMap<>();
  private final Map<Relation<?>, Map<SpecificRecord, SpecificRecord>> lookups = new IdentityHashMap<>();

  private TestRows(SpecificRecord root) {
    this.root = root;
  }

  public static <R extends SpecificRecord> TestRows of(Root<R> relation, R row) {
    return new TestRows(row);
  }

  /** {@code parent}'s children of the relation, in the order given (the runtime's: by key). */
  @SafeVarargs
  public final <P extends SpecificRecord, C extends SpecificRecord> TestRows children(Children<P, C> relation, P parent,
      C... rows) {
    children.computeIfAbsent(relation, r -> new HashMap<>()).computeIfAbsent(parent, p -> new ArrayList<>())
        .addAll(List.of(rows));
    return this;
  }

  /** The row {@code from}'s foreign key of the lookup points to. */
  public <F extends SpecificRecord, T extends SpecificRecord> TestRows lookup(Lookup<F, T> relation, F from, T row) {
    lookups.computeIfAbsent(relation, r -> new HashMap<>()).put(from, row);
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends SpecificRecord> R root(Root<R> relation) {
    return (R) root;
  }

  @Override
  public <C extends SpecificRecord> List<C> children(Children<?, C> relation) {
    return childrenOf(relation, root);
  }

  @Override
  public <P extends SpecificRecord, C extends SpecificRecord> List<C> children(Children<P, C> relation, P parent) {
    return childrenOf(relation, parent);
  }

  @SuppressWarnings("unchecked")
  private <C extends SpecificRecord> List<C> childrenOf(Children<?, C> relation, SpecificRecord parent) {
    return (List<C>) List.copyOf(children.getOrDefault(relation, Map.of()).getOrDefault(parent, List.of()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <F extends SpecificRecord, T extends SpecificRecord> T lookup(Lookup<F, T> relation, F from) {
    return (T) lookups.getOrDefault(relation, Map.of()).get(from);
  }
}
