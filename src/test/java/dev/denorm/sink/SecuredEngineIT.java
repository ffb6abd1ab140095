package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.SinkSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.document.ProductDocument;
import dev.denorm.serde.AvroTrust;
import dev.denorm.testing.EmbeddedKafkaBroker;
import dev.denorm.testing.EmbeddedOpenSearch;
import dev.denorm.testing.ReferenceDocuments;
import dev.denorm.testing.SigV4Check;
import dev.denorm.testing.TestCertificates;
import dev.denorm.testing.TlsProxy;
import dev.denorm.testkit.TempDirs;
import dev.denorm.verify.SearchDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sink writes and verify reads through a TLS-terminating proxy in front of the embedded
 * OpenSearch that checks every request before relaying it to the plain engine: basic auth with a
 * PKCS12 trust store; a client certificate (PEM key store) with a bearer token and a JKS trust
 * store; AWS SigV4 (es) with the SDK's default credentials chain, the signature recomputed by the
 * proxy from the specification. A request the proxy refuses never reaches the engine, so the
 * documents the engine holds came through the check; clients without the credentials or the
 * certificate are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredEngineIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String DEAD_LETTERS = "secured.dead-letter";
  private EmbeddedOpenSearch engine;
  private EmbeddedKafkaBroker kafka;
  private KafkaProducer<String, byte[]> producer;
  private EngineQueries plain;
  private Path dir;
  private TestCertificates certificates;

  @BeforeAll
  void startParts() throws Exception {
    // the application trusts its document classes when it loads its indexes (Indexes.of); the test's index is its own
    AvroTrust.trust(ProductDocument.class);
    dir = TempDirs.create("denorm-secured-engine-");
    certificates = TestCertificates.create(dir, "engine");
    engine = EmbeddedOpenSearch.start();
    kafka = EmbeddedKafkaBroker.start();
    kafka.createTopics(1, DEAD_LETTERS);
    plain = new EngineQueries(engine.url());
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", "5"),
        new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  void stopParts() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (plain != null) {
      plain.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (engine != null) {
      engine.close();
    }
    TempDirs.delete(dir);
  }

  private static SinkSettings settings(String url, String... keysAndValues) {
    var values = new HashMap<>(Map.of(SinkSettings.HOSTS, url, SinkSettings.INDEX_SHARDS, "1",
        SinkSettings.INDEX_REPLICAS, "0", SinkSettings.LINGER_MS, "20", SinkSettings.BACKOFF_INITIAL_MS, "20",
        SinkSettings.BACKOFF_MAX_MS, "500", SinkSettings.DEAD_LETTER_TOPIC, DEAD_LETTERS));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return SinkSettings.of(values);
  }

  @Test
  void shouldWriteAndVerifyThroughTlsWithBasicAuth() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("writer:s3cret".getBytes(StandardCharsets.UTF_8));
    try (var proxy = TlsProxy.relay(engine.url(), certificates.serverContext(), false, TlsProxy.authorization(basic))) {
      String truststore = certificates.caStore("PKCS12").toString();
      var sink = settings(proxy.url(), SinkSettings.USERNAME, "writer", SinkSettings.PASSWORD, "s3cret",
          SinkSettings.TRUSTSTORE_PATH, truststore, SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD);

      String index = writeAndVerify(sink, proxy);

      var anonymous = settings(proxy.url(), SinkSettings.TRUSTSTORE_PATH, truststore,
          SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD);
      try (var verify = new SearchDocuments(anonymous)) {
        assertThatThrownBy(() -> verify.documents(index)).isInstanceOfSatisfying(ResponseException.class,
            e -> assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(401));
      }
      var wrongPassword = settings(proxy.url(), SinkSettings.USERNAME, "writer", SinkSettings.PASSWORD, "guess",
          SinkSettings.TRUSTSTORE_PATH, truststore, SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD);
      try (var verify = new SearchDocuments(wrongPassword)) {
        assertThatThrownBy(() -> verify.documents(index)).isInstanceOf(ResponseException.class);
      }
    }
  }

  @Test
  void shouldWriteAndVerifyWithAClientCertificateAndABearerToken() throws Exception {
    var check = TlsProxy.both(TlsProxy.clientCertificateNamed(TestCertificates.CLIENT_NAME),
        TlsProxy.authorization("Bearer eyJ0eXAiOiJKV1QifQ.e30.sig_42"));
    try (var proxy = TlsProxy.relay(engine.url(), certificates.serverContext(), true, check)) {
      String truststore = certificates.caStore("JKS").toString();
      var sink = settings(proxy.url(), SinkSettings.BEARER_TOKEN, "eyJ0eXAiOiJKV1QifQ.e30.sig_42",
          SinkSettings.TRUSTSTORE_PATH, truststore, SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD,
          SinkSettings.KEYSTORE_PATH, certificates.clientPem().toString());

      String index = writeAndVerify(sink, proxy);

      var withoutCertificate = settings(proxy.url(), SinkSettings.BEARER_TOKEN, "eyJ0eXAiOiJKV1QifQ.e30.sig_42",
          SinkSettings.TRUSTSTORE_PATH, truststore, SinkSettings.TRUSTSTORE_PASSWORD, TestCertificates.PASSWORD);
      try (var verify = new SearchDocuments(withoutCertificate)) {
        assertThatThrownBy(() -> verify.documents(index)).isInstanceOf(IOException.class)
            .isNotInstanceOf(ResponseException.class);
      }
    }
  }

  /**
   * The AWS credentials come from the SDK's default chain, whose first link is the aws.* system
   * properties: the same chain the application uses, given fixed test keys.
   */
  @Test
  void shouldWriteAndVerifySignedWithAwsSigV4() throws Exception {
    var check = new SigV4Check("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session/token+42==",
        "eu-west-1", "es");
    var properties = Map.of("aws.accessKeyId", "AKIDEXAMPLE", "aws.secretAccessKey",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "aws.sessionToken", "session/token+42==");
    properties.forEach(System::setProperty);
    try (var proxy = TlsProxy.relay(engine.url(), certificates.serverContext(), false, check)) {
      var sink = settings(proxy.url(), SinkSettings.SIGV4_ENABLED, "true", SinkSettings.SIGV4_REGION, "eu-west-1",
          SinkSettings.CA_CERTIFICATE, certificates.caPem().toString());

      writeAndVerify(sink, proxy);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /**
   * Runs the sink for a new index through the proxy: three products written, one updated, one
   * deleted; verify's reader (with the same settings) sees the two left, and so does the engine
   * behind the proxy; the proxy refused nothing. Returns the index.
   */
  private String writeAndVerify(SinkSettings sink, TlsProxy proxy) throws Exception {
    String run = "secured" + SEQUENCE.incrementAndGet();
    var topology = AppConfig.from(Map.of(TopologySettings.DOCUMENT_TOPIC_PREFIX, run + ".documents.")).topology();
    var products = TestIndex.of(run + "-products", ProductDocument.class);
    String topic = topology.documentTopic(products.name());
    kafka.createTopics(1, topic);
    try (var app = new SinkApp(kafka.bootstrapServers(), run + "-app", topology, sink, List.of(products), 100, b -> { })) {
      send(topic, products, 1, ReferenceDocuments.product(1, "Teapot", "19.90"));
      send(topic, products, 2, ReferenceDocuments.product(2, "Kettle", "100.00"));
      send(topic, products, 3, ReferenceDocuments.product(3, "Cup", "4.50"));
      send(topic, products, 1, ReferenceDocuments.product(1, "Teapot XL", "24.50"));
      send(topic, products, 3, null);
      try (var verify = new SearchDocuments(sink)) {
        await().atMost(PATIENCE).untilAsserted(() -> {
          var documents = verify.documents(products.name());
          assertThat(documents.keySet()).containsExactly("1", "2");
          assertThat(documents.get("1").get("name").asText()).isEqualTo("Teapot XL");
        });
      }
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }
    assertThat(plain.source(products.name(), "1")).hasValueSatisfying(
        doc -> assertThat(doc.get("name").asText()).isEqualTo("Teapot XL"));
    assertThat(proxy.problems()).isEmpty();
    assertThat(proxy.accepted()).as("requests through the proxy: %s", proxy.describeReceived()).isGreaterThan(3);
    return products.name();
  }

  private void send(String topic, TestIndex<ProductDocument> index, long id, ProductDocument document) throws Exception {
    byte[] value = document == null ? null : index.documentSerde().toBytes(document);
    producer.send(new ProducerRecord<>(topic, Long.toString(id), value)).get();
  }
}
