package dev.denorm.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How the sink reaches the search engine and how it batches. Secrets are {@link Password}s, whose
 * {@code toString()} is "[hidden]", so this record can be logged as a whole.
 *
 * @param access TLS and credentials: see {@link EngineAccess}
 */
public record SinkSettings(
    List<String> hosts,
    EngineAccess access,
    int batchMaxActions,
    long batchMaxBytes,
    long lingerMs,
    boolean loneRefresh,
    int maxInFlightRequests,
    long retryBackoffInitialMs,
    long retryBackoffMaxMs,
    int requestTimeoutMs,
    String deadLetterTopic,
    Map<String, String> pipelines,
    int indexShards,
    int indexReplicas,
    EngineIndexSettings indexSettings,
    long reindexGraceMs,
    int reindexMaxRecordsPerSecond) {

  public static final String HOSTS = "denorm.sink.hosts";
  public static final String USERNAME = "denorm.sink.username";
  public static final String PASSWORD = "denorm.sink.password";
  public static final String API_KEY = "denorm.sink.api.key";
  public static final String BEARER_TOKEN = "denorm.sink.bearer.token";
  public static final String CA_CERTIFICATE = "denorm.sink.ca.certificate";
  /** Prefix of the trust store and client certificate keys: see {@link TlsSettings}. */
  public static final String TLS_PREFIX = "denorm.sink.tls.";
  public static final String TRUSTSTORE_PATH = TLS_PREFIX + "truststore.path";
  public static final String TRUSTSTORE_TYPE = TLS_PREFIX + "truststore.type";
  public static final String TRUSTSTORE_PASSWORD = TLS_PREFIX + "truststore.password";
  public static final String KEYSTORE_PATH = TLS_PREFIX + "keystore.path";
  public static final String KEYSTORE_TYPE = TLS_PREFIX + "keystore.type";
  public static final String KEYSTORE_PASSWORD = TLS_PREFIX + "keystore.password";
  public static final String SIGV4_ENABLED = "denorm.sink.aws.sigv4.enabled";
  public static final String SIGV4_REGION = "denorm.sink.aws.sigv4.region";
  public static final String SIGV4_SERVICE = "denorm.sink.aws.sigv4.service";
  public static final String ALLOW_INSECURE_CREDENTIALS = "denorm.sink.allow.insecure.credentials";
  public static final String BATCH_MAX_ACTIONS = "denorm.sink.batch.max.actions";
  public static final String BATCH_MAX_BYTES = "denorm.sink.batch.max.bytes";
  public static final String LINGER_MS = "denorm.sink.linger.ms";
  public static final String LONE_REFRESH = "denorm.sink.lone.refresh";
  public static final String MAX_IN_FLIGHT = "denorm.sink.max.in.flight.requests";
  public static final String BACKOFF_INITIAL_MS = "denorm.sink.retry.backoff.initial.ms";
  public static final String BACKOFF_MAX_MS = "denorm.sink.retry.backoff.max.ms";
  public static final String REQUEST_TIMEOUT_MS = "denorm.sink.request.timeout.ms";
  public static final String DEAD_LETTER_TOPIC = "denorm.sink.dead.letter.topic";
  public static final String PIPELINES = "denorm.sink.pipelines";
  public static final String INDEX_SHARDS = "denorm.sink.index.shards";
  public static final String INDEX_REPLICAS = "denorm.sink.index.replicas";
  public static final String INDEX_SETTINGS = "denorm.sink.index.settings";
  public static final String REINDEX_GRACE_MS = "denorm.sink.reindex.grace.ms";
  public static final String REINDEX_MAX_RECORDS_PER_SECOND = "denorm.sink.reindex.max.records.per.second";

  /**
   * Lucene's merge policy for small indexes refreshed every second: a 2 MB floor (OpenSearch 3 and
   * Lucene 10 count every segment under 16 MB as 16 MB, so each refresh's tiny segment soon
   * triggers a merge), and a segment may hold up to 40 % deleted documents (20 % by default) before
   * merges reclaim them. Measured in three A/B pairs of the bench: docs/decisions/0007-merge-policy-default.md.
   */
  static final String DEFAULT_INDEX_SETTINGS = "merge.policy.floor_segment=2mb,merge.policy.deletes_pct_allowed=40";

  static void define(ConfigDef def) {
    def.define(HOSTS, Type.LIST, "http://127.0.0.1:9200", hostsValidator(), Importance.HIGH,
            "Search engine URLs, http:// or https://, comma separated; requests are spread over them. A URL with user"
                + " info (user:password@) is refused: credentials go in " + USERNAME + " and " + PASSWORD + ", or " + API_KEY + ".")
        .define(BATCH_MAX_ACTIONS, Type.INT, 1000, Range.between(1, 100_000), Importance.MEDIUM,
            "A _bulk request is sent once it holds this many actions.")
        .define(BATCH_MAX_BYTES, Type.LONG, 5L * 1024 * 1024, Range.between(1024, 100L * 1024 * 1024),
            Importance.MEDIUM, "The most bytes a _bulk request's body holds (no more than the engine's"
                + " http.max_content_length either); a document larger than that alone is dead-lettered as too_large.")
        .define(LINGER_MS, Type.LONG, 100L, Range.between(0, 60_000), Importance.MEDIUM,
            "A partly filled _bulk request is sent after waiting this long for more actions; an action that comes"
            + " when nothing is in flight and nothing was sent for this long goes at once (a lone change).")
        .define(LONE_REFRESH, Type.BOOLEAN, true, Importance.MEDIUM,
            "A lone change (see " + LINGER_MS + ") is sent with refresh=true: the engine makes it searchable when it"
                + " acknowledges it, not at the index's next scheduled refresh. Under load no request is lone, so the"
                + " index's refresh_interval alone decides; false = never ask for a refresh.")
        .define(MAX_IN_FLIGHT, Type.INT, 2, Range.between(1, 64), Importance.MEDIUM,
            "_bulk requests in flight per task; when all are busy and the next batch is full, the stream waits.")
        .define(BACKOFF_INITIAL_MS, Type.LONG, 100L, Range.between(1, 60_000), Importance.LOW,
            "First retry delay after 429, 5xx or a connection failure; doubles per attempt, with full jitter.")
        .define(BACKOFF_MAX_MS, Type.LONG, 5_000L, Range.between(1, 600_000), Importance.LOW,
            "Upper bound of the retry delay. Retries go on for as long as it takes; the bound is also how long an"
                + " engine that is back may wait for the next try (the fault run measured drains after outages"
                + " held up by 30 s of it).")
        .define(REQUEST_TIMEOUT_MS, Type.INT, 60_000, Range.between(1000, 600_000), Importance.LOW,
            "Socket timeout of a _bulk request; a timeout is retried like a connection failure.")
        .define(DEAD_LETTER_TOPIC, Type.STRING, "denorm.sink.dead-letter", new ConfigDef.NonEmptyString(),
            Importance.MEDIUM, "Topic for documents the engine rejects for good (or too large to send), with index, id,"
                + " error type and reason in headers; keyed by source position, created compacted if missing.")
        .define(PIPELINES, Type.LIST, "", Importance.LOW,
            "Ingest pipeline per index, as index:pipeline pairs, comma separated (e.g. orders:orders-enrich).")
        .define(INDEX_SHARDS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
            "number_of_shards of an index created at start-up.")
        .define(INDEX_REPLICAS, Type.INT, 1, Range.atLeast(0), Importance.LOW,
            "number_of_replicas of an index created at start-up.")
        .define(INDEX_SETTINGS, Type.LIST, DEFAULT_INDEX_SETTINGS, Importance.LOW,
            "Index settings of the indexes the sink creates, as name=value pairs (the name with or without 'index.'),"
                + " comma separated; index:name=value sets one index's, over the common one. At start-up the dynamic"
                + " ones (refresh_interval, merge.policy.*, translog.*, ...) are also put on the existing indexes"
                + " that differ; a static one (codec, analysis) only reaches indexes created from then on (a reindex)."
                + " The default eases Lucene's merging of the small segments a 1 s refresh makes (measured: docs/decisions/0007-merge-policy-default.md).")
        .define(REINDEX_GRACE_MS, Type.LONG, 10 * 60_000L, Range.atLeast(0), Importance.LOW,
            "After a reindex moved the alias <index> to <index>-v<N+1>, the old index is deleted this long later"
                + " (searches and scrolls naming it finish meanwhile).")
        .define(REINDEX_MAX_RECORDS_PER_SECOND, Type.INT, 0, Range.atLeast(0), Importance.LOW,
            "A reindex copies at most this many document-topic records per second into the new index, to spare"
                + " the engine that serves searches meanwhile; 0 = as fast as the engine takes them.");
    EngineAccess.define(def);
  }

  static SinkSettings from(AbstractConfig config) {
    return new SinkSettings(
        config.getList(HOSTS),
        EngineAccess.from(config, config.getList(HOSTS)),
        config.getInt(BATCH_MAX_ACTIONS),
        config.getLong(BATCH_MAX_BYTES),
        config.getLong(LINGER_MS),
        config.getBoolean(LONE_REFRESH),
        config.getInt(MAX_IN_FLIGHT),
        config.getLong(BACKOFF_INITIAL_MS),
        config.getLong(BACKOFF_MAX_MS),
        config.getInt(REQUEST_TIMEOUT_MS),
        config.getString(DEAD_LETTER_TOPIC),
        parsePipelines(config.getList(PIPELINES)),
        config.getInt(INDEX_SHARDS),
        config.getInt(INDEX_REPLICAS),
        EngineIndexSettings.parse(INDEX_SETTINGS, config.getList(INDEX_SETTINGS)),
        config.getLong(REINDEX_GRACE_MS),
        config.getInt(REINDEX_MAX_RECORDS_PER_SECOND));
  }

  /** The defaults with the given hosts: handy for tests and the benchmark. */
  public static SinkSettings defaults(String... hosts) {
    return of(Map.of(HOSTS, String.join(",", hosts)));
  }

  /**
   * Settings from {@code denorm.sink.*} values, validated like the application's (the rest take
   * their defaults); the one way to build them outside {@link AppConfig}, e.g. in tests.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the key of a bad value
   */
  public static SinkSettings of(Map<String, String> values) {
    var def = new ConfigDef();
    define(def);
    return from(new AbstractConfig(def, values, false));
  }

  /** The ingest pipeline of an index, if one is configured. */
  public Optional<String> pipeline(String index) {
    return Optional.ofNullable(pipelines.get(index));
  }

  private static Map<String, String> parsePipelines(List<String> pairs) {
    var map = new HashMap<String, String>();
    for (String pair : pairs) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new ConfigException(PIPELINES, pair, "expected index:pipeline");
      }
      map.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
    }
    return Map.copyOf(map);
  }

  private static ConfigDef.Validator hostsValidator() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        var hosts = (List<String>) value;
        if (hosts == null || hosts.isEmpty()) {
          throw new ConfigException(name, value, "at least one http:// or https:// URL is required");
        }
        for (String host : hosts) {
          Secrets.requireNoUserInfo(name, host, "set " + USERNAME + " and " + PASSWORD + ", or " + API_KEY);
          if (!host.startsWith("http://") && !host.startsWith("https://")) {
            throw new ConfigException("Invalid value " + Secrets.redact(host) + " for configuration " + name
                + ": a host must be an http:// or https:// URL");
          }
        }
      }

      @Override
      public String toString() {
        return "one or more http:// or https:// URLs, without user info";
      }
    };
  }
}
