package dev.denorm.index;

import dev.denorm.cdc.ChangeTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an index's documents are built from: one root and the tree of relations around it. The
 * runtime derives from it the routing of every change to the partition of the documents it
 * affects and the stores those partitions keep (dev.denorm.assembly).
 *
 * <p>Where a relation's rows live follows from where it hangs: the root and children of owned
 * rows (children of the root, their children, ...) are <em>owned</em>, each row by one document,
 * kept in that document's partition; a looked-up row and children of a looked-up row are
 * <em>shared</em> by any number of documents, copied to every partition.
 */
public record DocumentPlan(Root<?> root, List<Children<?, ?>> children, List<Lookup<?, ?>> lookups) {

  public DocumentPlan {
    children = List.copyOf(children);
    lookups = List.copyOf(lookups);
    Set<String> names = new HashSet<>();
    List<Relation<?>> all = relationsOf(root, children, lookups);
    for (Relation<?> relation : all) {
      if (!relation.name().matches("[a-z0-9][a-z0-9-]*") || !names.add(relation.name())) {
        throw new IllegalArgumentException("relation names must be unique, lower case, digits and '-': " + relation.name());
      }
    }
    for (Relation<?> relation : all) {
      for (String column : relation.columns() == null ? Set.<String>of() : relation.columns()) {
        if (relation.table().rowSchema().getField(column) == null) {
          throw new IllegalArgumentException("relation " + relation.name() + " shows column '" + column
              + "', which table " + relation.table().name() + " does not have");
        }
      }
      if (relation.parent() != null && !all.contains(relation.parent())) {
        throw new IllegalArgumentException("relation " + relation.name() + " hangs from " + relation.parent().name()
            + ", which is not in the plan (declare each relation once, as a static final field, and build the next from it;"
            + " a where(...) or showing(...) makes a new one)");
      }
      if (relation instanceof Children<?, ?> c && c.parent() instanceof Children<?, ?> p && !isOwned(p)) {
        throw new IllegalArgumentException("children " + c.name() + " hang from children of a looked-up row (" + p.name()
            + "): one level of children below a lookup is supported; index that table from another root");
      }
    }
  }

  /** A plan of a root and its relations, in any order. */
  public static DocumentPlan of(Root<?> root, Relation<?>... relations) {
    var children = new ArrayList<Children<?, ?>>();
    var lookups = new ArrayList<Lookup<?, ?>>();
    for (Relation<?> relation : relations) {
      switch (relation) {
        case Root<?> r -> throw new IllegalArgumentException("a plan has one root");
        case Children<?, ?> c -> children.add(c);
        case Lookup<?, ?> l -> lookups.add(l);
      }
    }
    return new DocumentPlan(root, children, lookups);
  }

  /** Every relation: root first, then children, then lookups. */
  public List<Relation<?>> relations() {
    return relationsOf(root, children, lookups);
  }

  /** The captured tables this plan reads. */
  public Set<ChangeTable<?>> tables() {
    var tables = new LinkedHashSet<ChangeTable<?>>();
    relations().forEach(r -> tables.add(r.table()));
    return tables;
  }

  /**
   * Whether each row of the relation belongs to one document (the root, and children of owned
   * rows), kept in that document's partition; otherwise its rows are shared (looked up, or children
   * of a looked-up row), copied to every partition.
   */
  public static boolean isOwned(Relation<?> relation) {
    return switch (relation) {
      case Root<?> r -> true;
      case Children<?, ?> c -> isOwned(c.parent());
      case Lookup<?, ?> l -> false;
    };
  }

  /**
   * What the stores of the index hold, in words: each relation's kind, name, table, key, where it
   * hangs and by which columns, whether it filters and the columns it shows. Stored at start
   * (dev.denorm.app.SchemaHistoryTopic): when it differs from the stored one, the index must be
   * rebuilt. (A changed filter is seen only by its condition's words.)
   */
  public String describe() {
    var parts = new ArrayList<String>();
    for (Relation<?> relation : relations()) {
      String kind = switch (relation) {
        case Root<?> r -> "root";
        case Children<?, ?> c -> "children of " + c.parent().name() + " by " + c.foreignKey();
        case Lookup<?, ?> l -> "lookup from " + l.from().name() + " by " + l.foreignKey();
      };
      parts.add(kind + " " + relation.name() + " " + relation.table().name() + " keyed " + relation.table().keyColumns()
          + (relation.filter() == null ? "" : relation.filter().condition() == null ? " filtered"
              : " where " + relation.filter().condition())
          + (relation.columns() == null ? "" : " showing " + new TreeSet<>(relation.columns())));
    }
    return String.join("; ", parts);
  }

  /** The lookups whose foreign key is held by {@code from}. */
  public List<Lookup<?, ?>> lookupsFrom(Relation<?> from) {
    return lookups.stream().filter(l -> l.from().equals(from)).toList();
  }

  /** The children that hang from {@code parent}. */
  public List<Children<?, ?>> childrenOf(Relation<?> parent) {
    return children.stream().filter(c -> c.parent().equals(parent)).toList();
  }

  private static List<Relation<?>> relationsOf(Root<?> root, List<Children<?, ?>> children, List<Lookup<?, ?>> lookups) {
    var all = new ArrayList<Relation<?>>();
    all.add(root);
    all.addAll(children);
    all.addAll(lookups);
    return all;
  }
}
