package dev.denorm.config;

import org.apache.kafka.common.config.ConfigException;
import java.util.Locale;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Where the change topics are, where documents and dead letters go. Topics are named by their
 * logical role; the physical names are derived here and nowhere else.
 */
public record TopologySettings(
    String sourceTopicPrefix,
    String sourceSchema,
    String documentTopicPrefix,
    String deadLetterTopic,
    String toastPlaceholder,
    Duration emitInterval,
    int partitions,
    Duration snapshotHold,
    Duration snapshotHoldMax,
    Duration transactionHold,
    List<String> indexClasses,
    String schemaHistoryTopic,
    boolean applyTruncates,
    boolean createChangeTopics,
    SourceFormat sourceFormat,
    String registryUrl,
    HttpAccess registryAccess) {

  /** How the connector's converters wrote the change events. */
  public enum SourceFormat { JSON, AVRO }

  public static final String SOURCE_TOPIC_PREFIX = "denorm.source.topic.prefix";
  public static final String SOURCE_SCHEMA = "denorm.source.schema";
  public static final String DOCUMENT_TOPIC_PREFIX = "denorm.document.topic.prefix";
  public static final String DEAD_LETTER_TOPIC = "denorm.dead.letter.topic";
  public static final String TOAST_PLACEHOLDER = "denorm.toast.placeholder";
  public static final String EMIT_INTERVAL_MS = "denorm.emit.interval.ms";
  public static final String PARTITIONS = "denorm.partitions";
  public static final String SNAPSHOT_HOLD_MS = "denorm.snapshot.hold.ms";
  public static final String SNAPSHOT_HOLD_MAX_MS = "denorm.snapshot.hold.max.ms";
  public static final String TRANSACTIONS_ALIGNED = "denorm.transactions.aligned";
  public static final String TRANSACTION_HOLD_MAX_MS = "denorm.transactions.hold.max.ms";
  public static final String INDEXES = "denorm.indexes";
  public static final String SCHEMA_HISTORY_TOPIC = "denorm.schema.history.topic";
  public static final String TRUNCATE_MODE = "denorm.truncate.mode";
  public static final String CREATE_CHANGE_TOPICS = "denorm.source.create.topics";
  public static final String SOURCE_FORMAT = "denorm.source.format";
  public static final String REGISTRY_URL = "denorm.source.registry.url";
  /** Prefix of the registry's basic auth and TLS keys: see {@link HttpAccess}. */
  public static final String REGISTRY_PREFIX = "denorm.source.registry.";
  public static final String REGISTRY_USERNAME = REGISTRY_PREFIX + "username";
  public static final String REGISTRY_PASSWORD = REGISTRY_PREFIX + "password";

  /**
   * Debezium's default placeholder with a NUL for its last underscore: no PostgreSQL text value can
   * equal it. (Inside, not at an end: Kafka's config parsing trims characters up to space off the ends.)
   */
  public static final String RECOMMENDED_TOAST_PLACEHOLDER = "__debezium_unavailable\u0000value";

  /** The default of {@code denorm.indexes}: the reference shop's index classes, by name (config loads no class). */
  public static final List<String> SHOP_INDEXES = List.of("dev.denorm.index.product.ProductIndex",
      "dev.denorm.index.customer.CustomerIndex", "dev.denorm.index.order.OrderIndex");

  public TopologySettings {
    indexClasses = List.copyOf(indexClasses);
  }

  /** The settings with every default of the definition below (the one place defaults are written). */
  public static TopologySettings defaults() {
    var def = new ConfigDef();
    define(def);
    return from(new AbstractConfig(def, Map.of(), false));
  }

  static void define(ConfigDef def) {
    var nonEmpty = new ConfigDef.NonEmptyStringWithoutControlChars();
    def.define(SOURCE_TOPIC_PREFIX, Type.STRING, "pg", nonEmpty, Importance.HIGH,
            "The Debezium connector's topic.prefix: change topics are <prefix>.<schema>.<table>.")
        .define(SOURCE_SCHEMA, Type.STRING, "shop", nonEmpty, Importance.HIGH,
            "The PostgreSQL schema that holds the captured tables.")
        .define(DOCUMENT_TOPIC_PREFIX, Type.STRING, "documents.", nonEmpty, Importance.MEDIUM,
            "Prefix of the per-index document topics: <prefix><index>, keyed by document id.")
        .define(DEAD_LETTER_TOPIC, Type.STRING, "denorm.dead-letter", nonEmpty, Importance.MEDIUM,
            "Topic that receives change events that cannot be decoded or applied, and routing or document records too"
                + " large to write, with the reason in headers; keyed by source position, created compacted if missing.")
        .define(TOAST_PLACEHOLDER, Type.STRING, RECOMMENDED_TOAST_PLACEHOLDER, new ConfigDef.NonEmptyString(),
            Importance.LOW, "Must equal the connector's unavailable.value.placeholder, which marks a column an update left out"
                + " because it was unchanged and TOASTed (in properties files write NUL as \\u0000). The default, set in the"
                + " recommended connector config, is Debezium's with a NUL for its last underscore, which no PostgreSQL text"
                + " can hold, so no real value is mistaken for it; with Debezium's own default (__debezium_unavailable_value) an"
                + " update of a text column to that literal would be.")
        .define(EMIT_INTERVAL_MS, Type.LONG, 50L, ConfigDef.Range.between(10, 60_000), Importance.MEDIUM,
            "How often changed documents are written to the document topics: each document at most once per"
                + " interval, with its latest content, however many of its rows changed.")
        .define(PARTITIONS, Type.INT, 4, ConfigDef.Range.between(0, 1024), Importance.MEDIUM,
            "Partitions of each index's routing topics, i.e. how many tasks assemble an index's documents and so"
                + " how many instances can share that work: with the default, up to 4 instances of one group, each"
                + " assembling part of every index from the first start. 0: as many as the captured table's change topic"
                + " has, which must then be the same for all captured tables (checked at start). Changing it needs an"
                + " application reset: an instance whose routing topics exist with another count stops at start saying so.")
        .define(SNAPSHOT_HOLD_MS, Type.LONG, 30_000L, ConfigDef.Range.between(0, 600_000), Importance.LOW,
            "While the connector's snapshot streams rows into an index, its documents wait, so that none is searchable"
                + " with half its rows; once every table of the index has sent its last snapshot row, they are emitted at"
                + " once. Between two of its tables (one ended, another not begun: it may be empty, or the connector may"
                + " be slow to reach it, e.g. waiting for a lock) they wait until no snapshot row arrived for this long."
                + " A table that sends no end mark (an empty one) costs its indexes this wait at the first start. 0: never"
                + " hold, emit at once.")
        .define(SNAPSHOT_HOLD_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.between(0, 3_600_000), Importance.LOW,
            "While a table's snapshot is under way (its rows came, its last one not yet), its documents wait until no"
                + " snapshot row arrived for this long, however long the pauses of a busy instance: so that gaps above "
                + SNAPSHOT_HOLD_MS + " do not emit half documents. The bound also ends the wait if the last row's mark never"
                + " comes (a snapshot stopped midway). At least " + SNAPSHOT_HOLD_MS + ".")
        .define(TRANSACTIONS_ALIGNED, Type.BOOLEAN, false, Importance.MEDIUM,
            "Transaction-aligned documents: a document that a source transaction changed is written only once every"
                + " change of that transaction that reaches it is applied, so no search finds an order with some of the lines"
                + " one transaction wrote. Costs freshness: each streamed change waits for the next capture position (about"
                + " a second, Connect's offset.flush.interval.ms). Needs Debezium's source.sequence in the change events (the"
                + " envelope has it; with ExtractNewRecordState add the field source.sequence). See docs/transactions.md.")
        .define(TRANSACTION_HOLD_MAX_MS, Type.LONG, 10_000L, ConfigDef.Range.between(100, 600_000), Importance.LOW,
            "With " + TRANSACTIONS_ALIGNED + ", the longest a document waits for the rest of its transactions; past it"
                + " (a document changed without pause, a transaction far larger than the rest, no capture position) it is"
                + " written as it is and counted (denorm-assembly-metrics: documents-unaligned).")
        .define(INDEXES, Type.LIST, String.join(",", SHOP_INDEXES),
            ConfigDef.LambdaValidator.with((name, value) -> {
              if (value instanceof List<?> list && list.isEmpty()) {
                throw new ConfigException(name, value, "name at least one index class");
              }
            }, () -> "one or more class names"),
            Importance.HIGH, "The indexes to maintain: class names of DocumentIndex implementations with a public"
                + " no-argument constructor, on the classpath (e.g. a jar of your own next to denorm's). The captured"
                + " tables, topics, stores and mappings follow from them. Default: the reference shop's indexes.")
        .define(SCHEMA_HISTORY_TOPIC, Type.STRING, "denorm.schemas", nonEmpty, Importance.LOW,
            "Compacted topic of every Avro schema documents and rows were written with, by fingerprint: bytes of an"
                + " earlier schema are read by resolution. Shared by all denorm applications of a cluster; never delete it"
                + " while document topics or state written by denorm exist.")
        .define(TRUNCATE_MODE, Type.STRING, "apply", ConfigDef.ValidString.in("apply", "report"), Importance.MEDIUM,
            "What a TRUNCATE does. apply: every row of the table is deleted, and the documents follow as for row deletes"
                + " (needs change topics of one partition, checked at start, so the truncate is ordered with every row"
                + " change). report: nothing is deleted; the event goes to the dead-letter topic with an error saying"
                + " what to do.")
        .define(CREATE_CHANGE_TOPICS, Type.BOOLEAN, true, Importance.MEDIUM,
            "At start, create the change topics that do not exist yet, as the recommended connector file has Connect"
                + " create them (one partition, the broker's replication factor, compacted), so the app consumes each"
                + " table's snapshot as soon as Debezium writes it rather than once the last table's topic appears."
                + " Connect uses a topic that exists as it is. false: wait until Connect has created every one.")
        .define(SOURCE_FORMAT, Type.STRING, "json", ConfigDef.ValidString.in("json", "avro"), Importance.HIGH,
            "The connector's key and value converters. json: Kafka's JsonConverter, with or without schemas"
                + " (connector/debezium-postgres.json). avro: Avro in the Confluent wire format, schemas resolved through"
                + " " + REGISTRY_URL + " (connector/debezium-postgres-avro.json); the embedded stack then starts a registry.")
        .define(REGISTRY_URL, Type.STRING, "", Secrets.noUserInfo("denorm sends no credentials to the registry"), Importance.HIGH,
            "Base URL of the schema registry's Confluent-compatible REST API, for denorm.source.format=avro: a Confluent"
                + " Schema Registry (http://host:8081) or Apicurio's (http://host:8080/apis/ccompat/v7). Empty: the embedded"
                + " stack's registry. mock://<name>: an in-memory registry, for tests.");
    HttpAccess.define(def, REGISTRY_PREFIX, "the schema registry", REGISTRY_URL);
  }

  private static Duration holdMax(AbstractConfig config) {
    long hold = config.getLong(SNAPSHOT_HOLD_MS);
    long max = config.getLong(SNAPSHOT_HOLD_MAX_MS);
    if (max < hold) {
      throw new ConfigException(SNAPSHOT_HOLD_MAX_MS, max,
          "must be at least " + SNAPSHOT_HOLD_MS + " (" + hold + ")");
    }
    return Duration.ofMillis(max);
  }

  static TopologySettings from(AbstractConfig config) {
    return new TopologySettings(
        config.getString(SOURCE_TOPIC_PREFIX),
        config.getString(SOURCE_SCHEMA),
        config.getString(DOCUMENT_TOPIC_PREFIX),
        config.getString(DEAD_LETTER_TOPIC),
        config.getString(TOAST_PLACEHOLDER),
        Duration.ofMillis(config.getLong(EMIT_INTERVAL_MS)),
        config.getInt(PARTITIONS),
        Duration.ofMillis(config.getLong(SNAPSHOT_HOLD_MS)),
        holdMax(config),
        config.getBoolean(TRANSACTIONS_ALIGNED) ? Duration.ofMillis(config.getLong(TRANSACTION_HOLD_MAX_MS)) : Duration.ZERO,
        config.getList(INDEXES),
        config.getString(SCHEMA_HISTORY_TOPIC),
        config.getString(TRUNCATE_MODE).equals("apply"),
        config.getBoolean(CREATE_CHANGE_TOPICS),
        SourceFormat.valueOf(config.getString(SOURCE_FORMAT).toUpperCase(Locale.ROOT)),
        config.getString(REGISTRY_URL),
        registryAccess(config));
  }

  private static HttpAccess registryAccess(AbstractConfig config) {
    String url = config.getString(REGISTRY_URL).strip();
    var access = HttpAccess.from(config, REGISTRY_PREFIX, REGISTRY_URL, url);
    if (access.authenticates() && url.isEmpty()) {
      throw new ConfigException(REGISTRY_USERNAME + " is set but " + REGISTRY_URL + " is empty: the embedded"
          + " stack's registry takes no credentials; set the URL of your registry too");
    }
    return access;
  }

  /** Whether documents wait for the rest of their source transactions ({@link #TRANSACTIONS_ALIGNED}). */
  public boolean transactionsAligned() {
    return !transactionHold.isZero();
  }

  /** The Debezium change topic of a table of the source schema. */
  public String changeTopic(String table) {
    return sourceTopicPrefix + "." + sourceSchema + "." + table;
  }

  /** The document topic of an index. */
  public String documentTopic(String index) {
    return documentTopicPrefix + index;
  }
}
