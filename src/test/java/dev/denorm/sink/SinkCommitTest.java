package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.SinkSettings;
import dev.denorm.config.StreamsDefaults;
import dev.denorm.config.TopologySettings;
import dev.denorm.document.ProductDocument;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.testing.ReferenceDocuments;
import dev.denorm.state.HollowStore;
import dev.denorm.state.UnloggedStoreBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's flush before commit, through Kafka Streams' own task code: TopologyTestDriver runs
 * the production sink topology and commits the task after every record (prepareCommit, offsets,
 * postCommit), and the real processor writes with the real bulk writer to a stub engine. The
 * writer lingers for a minute, so an action reaches the engine this soon only because a commit
 * flushed it.
 */
class SinkCommitTest {

  private static final TestIndex<ProductDocument> PRODUCTS = TestIndex.of("products", ProductDocument.class);

  private BulkEngineStub stub;
  private EngineSession engine;

  @BeforeEach
  void startEngine() {
    stub = new BulkEngineStub();
    engine = new EngineSession(SinkSettings.of(Map.of(SinkSettings.HOSTS, stub.url(),
        SinkSettings.LINGER_MS, "60000", SinkSettings.BATCH_MAX_ACTIONS, "1000")));
  }

  @AfterEach
  void stopEngine() throws Exception {
    engine.close();
    stub.close();
  }

  private TopologyTestDriver driver(Properties overrides) {
    var builder = new StreamsBuilder();
    SinkTopology.addTo(builder, TopologySettings.defaults(), engine.settings(), List.of(PRODUCTS), () -> engine);
    var props = StreamsDefaults.properties();
    props.putAll(overrides);
    return new TopologyTestDriver(builder.build(props), props);
  }

  private static TestInputTopic<String, byte[]> documents(TopologyTestDriver driver) {
    return driver.createInputTopic(TopologySettings.defaults().documentTopic(PRODUCTS.name()), new StringSerializer(),
        new ByteArraySerializer());
  }

  private static byte[] product(long id) {
    return PRODUCTS.documentSerde().toBytes(ReferenceDocuments.product(id, "Product " + id, "1.00"));
  }

  @Test
  void shouldSendBufferedActionsBeforeOffsetsAreCommitted() {
    try (var driver = driver(new Properties())) {
      var input = documents(driver);

      input.pipeInput("1", product(1));
      assertThat(stub.ids()).containsExactly("1");
      input.pipeInput("2", product(2));
      input.pipeInput("3", null);
      // one request per commit, each with what the record before it buffered; no check failed after a commit
      assertThat(stub.ids()).containsExactly("1", "2", "3");
      assertThat(stub.requests()).isEqualTo(3);
    }
  }

  @Test
  void shouldSendBufferedActionsBeforeTheTransactionCommitsUnderExactlyOnce() {
    var exactlyOnce = new Properties();
    exactlyOnce.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    try (var driver = driver(exactlyOnce)) {
      var input = documents(driver);

      input.pipeInput("1", product(1));
      input.pipeInput("2", product(2));
      assertThat(stub.ids()).containsExactly("1", "2");
      assertThat(stub.requests()).isEqualTo(2);
    }
  }

  @Test
  void shouldStillSendBeforeEachCommitWhenTheRecordCacheIsTooSmallToHoldTheTick() {
    var tinyCache = new Properties();
    tinyCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "1");
    try (var driver = driver(tinyCache)) {
      var input = documents(driver);

      // every tick is evicted as it is put: the sink flushes then (and logs why), so nothing is left for the commit
      input.pipeInput("1", product(1));
      input.pipeInput("2", product(2));
      assertThat(stub.ids()).containsExactly("1", "2");
    }
  }

  /**
   * The check's order: Kafka Streams commits a task's stores in the order it registered them, the
   * stores of the sink's node before those of the tick's node. Were the tick store committed first,
   * its cache flush would run a missed flush just before the check and hide it.
   */
  @Test
  void shouldCommitTheCheckStoreBeforeTheTickStore() {
    var commits = new ArrayList<String>();
    var builder = new StreamsBuilder();
    ProcessorSupplier<String, byte[], String, Long> first = new ProcessorSupplier<>() {
      @Override
      public Processor<String, byte[], String, Long> get() {
        return new Processor<>() {
          @Override
          public void process(Record<String, byte[]> record) {}
        };
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(new UnloggedStoreBuilder<>("check", () -> new RecordingStore("check", commits)));
      }
    };
    ProcessorSupplier<String, Long, Void, Void> second = new ProcessorSupplier<>() {
      @Override
      public Processor<String, Long, Void, Void> get() {
        return new Processor<>() {
          @Override
          public void process(Record<String, Long> record) {}
        };
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(new KeyValueBytesStoreSupplier() {
          @Override
          public String name() {
            return "tick";
          }

          @Override
          public KeyValueStore<Bytes, byte[]> get() {
            return new RecordingStore("tick", commits);
          }

          @Override
          public String metricsScope() {
            return "in-memory";
          }
        }, Serdes.String(), Serdes.Long()).withCachingEnabled().withLoggingDisabled());
      }
    };
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("in"))
        .process(first, Named.as("first"))
        .process(second, Named.as("second"));
    var props = StreamsDefaults.properties();
    try (var driver = new TopologyTestDriver(builder.build(props), props)) {
      commits.clear();
      driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer()).pipeInput("k", new byte[0]);
    }
    assertThat(commits).startsWith("check", "tick");
  }

  /** A store that keeps nothing and records its commits. */
  private static final class RecordingStore extends HollowStore implements KeyValueStore<Bytes, byte[]> {

    private final List<String> commits;

    RecordingStore(String name, List<String> commits) {
      super(name);
      this.commits = commits;
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
      commits.add(name());
    }

    @Override
    public void put(Bytes key, byte[] value) {}

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
      return null;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {}

    @Override
    public byte[] delete(Bytes key) {
      return null;
    }

    @Override
    public byte[] get(Bytes key) {
      return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long approximateNumEntries() {
      return 0;
    }
  }

  @Test
  void shouldRefuseToStartWithoutARecordCache() {
    var noCache = new Properties();
    noCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    assertThatThrownBy(() -> driver(noCache).close())
        .hasStackTraceContaining(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)
        .hasStackTraceContaining("needs Kafka Streams' record cache");
    assertThat(stub.requests()).isZero();
  }
}
