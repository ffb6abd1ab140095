package dev.denorm.index;

import java.util.TreeSet;
import dev.denorm.cdc.ChangeTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an index's documents are built from: one root and the relations around it. The runtime
 * derives from it the routing of every change to the partition of the documents it affects and
 * the stores those partitions keep (dev.denorm.assembly).
 */
public record DocumentPlan(Root<?> root, List<Children<?, ?>> children, List<Lookup<?, ?>> lookups) {

  public DocumentPlan {
    children = List.copyOf(children);
    lookups = List.copyOf(lookups);
    Set<String> names = new HashSet<>();
    for (Relation<?> relation : relationsOf(root, children, lookups)) {
      if (!relation.name().matches("[a-z0-9][a-z0-9-]*") || !names.add(relation.name())) {
        throw new IllegalArgumentException("relation names must be unique, lower case, digits and '-': " + relation.name());
      }
    }
    for (Relation<?> relation : relationsOf(root, children, lookups)) {
      for (String column : relation.columns() == null ? Set.<String>of() : relation.columns()) {
        if (relation.table().rowSchema().getField(column) == null) {
          throw new IllegalArgumentException("relation " + relation.name() + " shows column '" + column
              + "', which table " + relation.table().name() + " does not have");
        }
      }
    }
    for (Children<?, ?> c : children) {
      if (!c.parent().equals(root)) {
        throw new IllegalArgumentException("children " + c.name() + " belong to another root");
      }
    }
    for (Lookup<?, ?> l : lookups) {
      if (!l.from().equals(root) && !children.contains(l.from())) {
        throw new IllegalArgumentException("lookup " + l.name() + " starts from a relation that is not in the plan");
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
   * What the stores of the index hold, in words: each relation's kind, name, table, where it hangs
   * and the columns it shows. Stored at start (dev.denorm.app.SchemaHistoryTopic): when it
   * differs from the stored one, the index must be rebuilt. (A changed key function is not seen.)
   */
  public String describe() {
    var parts = new ArrayList<String>();
    for (Relation<?> relation : relations()) {
      String kind = switch (relation) {
        case Root<?> r -> "root";
        case Children<?, ?> c -> "children of " + c.parent().name();
        case Lookup<?, ?> l -> "lookup from " + l.from().name();
      };
      parts.add(kind + " " + relation.name() + " " + relation.table().name()
          + (relation.columns() == null ? "" : " showing " + new TreeSet<>(relation.columns())));
    }
    return String.join("; ", parts);
  }

  /** The lookups whose foreign key is held by {@code from}. */
  public List<Lookup<?, ?>> lookupsFrom(Relation<?> from) {
    return lookups.stream().filter(l -> l.from().equals(from)).toList();
  }

  private static List<Relation<?>> relationsOf(Root<?> root, List<Children<?, ?>> children, List<Lookup<?, ?>> lookups) {
    var all = new ArrayList<Relation<?>>();
    all.add(root);
    all.addAll(children);
    all.addAll(lookups);
    return all;
  }
}
