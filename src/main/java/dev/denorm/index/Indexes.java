package dev.denorm.index;

import org.apache.kafka.common.config.ConfigException;
import dev.denorm.config.TopologySettings;
import dev.denorm.config.AppConfig;
import java.util.TreeMap;
import dev.denorm.cdc.ChangeTable;
import dev.denorm.serde.AvroTrust;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The indexes one application maintains, and what follows from them: the captured tables (so
 * the change topics, the connector's {@code table.include.list} and the test driver's inputs).
 * Which indexes run is configuration ({@code denorm.indexes}, class names); the shop's three are
 * the default and the example. Nothing else lists tables or indexes. Creating it trusts the
 * generated Avro classes the indexes name ({@link AvroTrust}).
 */
public final class Indexes {

  /** The default of {@code denorm.indexes}: the reference shop's indexes. */
  public static final List<String> SHOP = TopologySettings.SHOP_INDEXES;

  private final Map<String, DocumentIndex<?>> byName = new LinkedHashMap<>();

  private Indexes(List<? extends DocumentIndex<?>> indexes) {
    if (indexes.isEmpty()) {
      throw new IllegalArgumentException("no index to maintain");
    }
    for (DocumentIndex<?> index : indexes) {
      if (!index.name().matches("[a-z0-9][a-z0-9_-]*")) {
        throw new IllegalArgumentException("index name '" + index.name() + "' of " + index.getClass().getName()
            + " must be lower case letters, digits, '-' and '_' (it names topics, stores and the search index)");
      }
      if (byName.putIfAbsent(index.name(), index) != null) {
        throw new IllegalArgumentException("two indexes are named '" + index.name() + "': "
            + byName.get(index.name()).getClass().getName() + " and " + index.getClass().getName());
      }
    }
    // Avro instantiates generated classes only from trusted packages: these indexes name theirs
    for (DocumentIndex<?> index : indexes) {
      AvroTrust.trust(index.documentSerde().type());
      index.plan().tables().forEach(table -> AvroTrust.trust(table.rowClass()));
    }
  }

  public static Indexes of(List<? extends DocumentIndex<?>> indexes) {
    return new Indexes(indexes);
  }

  public static Indexes of(DocumentIndex<?>... indexes) {
    return new Indexes(List.of(indexes));
  }

  /**
   * The indexes of {@code denorm.indexes}, created and checked.
   *
   * @throws ConfigException naming the key and the class that cannot be used
   */
  public static Indexes of(AppConfig config) {
    try {
      return load(config.topology().indexClasses());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TopologySettings.INDEXES + ": " + e.getMessage());
    }
  }

  /** The change topics of every table these indexes read. */
  public List<String> changeTopics(TopologySettings topology) {
    return tables().stream().map(t -> topology.changeTopic(t.name())).toList();
  }

  /** The reference shop's indexes. */
  public static Indexes shop() {
    return load(SHOP);
  }

  /**
   * Instances of the named classes, each a public {@link DocumentIndex} with a public no-argument
   * constructor, e.g. from a jar of your own on the classpath.
   *
   * @throws IllegalArgumentException naming the class and what is wrong with it
   */
  public static Indexes load(List<String> classNames) {
    var indexes = new ArrayList<DocumentIndex<?>>();
    for (String name : classNames) {
      indexes.add(instantiate(name.strip()));
    }
    return new Indexes(indexes);
  }

  private static DocumentIndex<?> instantiate(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("index class " + className + " is not on the classpath", e);
    }
    if (!DocumentIndex.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("index class " + className + " does not implement " + DocumentIndex.class.getName());
    }
    try {
      return (DocumentIndex<?>) type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("index class " + className + " has no public no-argument constructor", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("index class " + className + " could not be created: " + e.getCause(), e);
    }
  }

  public List<DocumentIndex<?>> all() {
    return List.copyOf(byName.values());
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** @throws IllegalArgumentException when no index has that name */
  public DocumentIndex<?> named(String name) {
    var index = byName.get(name);
    if (index == null) {
      throw new IllegalArgumentException("no index named '" + name + "'; this application maintains " + names());
    }
    return index;
  }

  /** Every table an index reads, each once, in the order the indexes name them. */
  /** Per captured table, the names of the indexes that read it. */
  public Map<String, List<String>> readers() {
    var readers = new TreeMap<String, List<String>>();
    byName.values().forEach(index -> index.plan().tables()
        .forEach(t -> readers.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(index.name())));
    return readers;
  }

  public List<ChangeTable<?>> tables() {
    var tables = new LinkedHashSet<ChangeTable<?>>();
    byName.values().forEach(index -> tables.addAll(index.plan().tables()));
    var byTable = new LinkedHashMap<String, ChangeTable<?>>();
    for (ChangeTable<?> table : tables) {
      var other = byTable.putIfAbsent(table.name(), table);
      if (other != null && !other.equals(table)) {
        throw new IllegalArgumentException("table " + table.name() + " is read with two row types: "
            + other.rowClass().getName() + " and " + table.rowClass().getName());
      }
    }
    return List.copyOf(byTable.values());
  }

  @Override
  public String toString() {
    return names().toString();
  }
}
