package dev.denorm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  private static final String SCRAM_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
      + " username=\"denorm\" password=\"s3cret\";";

  /**
   * Every client security key Kafka defines (security.protocol, each ssl.* and sasl.* key of a
   * client), each with a value of its own: its default where it has one, else a made-up text.
   */
  private static Map<String, String> everySecurityKey() {
    var def = new ConfigDef().withClientSslSupport().withClientSaslSupport();
    var values = new HashMap<String, String>();
    def.configKeys().forEach((name, key) -> values.put(name, key.defaultValue == null || key.defaultValue == ConfigDef.NO_DEFAULT_VALUE
        ? "given-" + name : ConfigDef.convertToString(key.defaultValue, key.type)));
    values.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    values.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    values.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_JAAS);
    values.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    return values;
  }

  private static KafkaClients clients(Map<String, String> given) {
    var values = new HashMap<>(given);
    values.put("bootstrap.servers", "broker-1:9093,broker-2:9093");
    return KafkaClients.of(AppConfig.from(values));
  }

  @Test
  void shouldGiveEverySecurityKeyOfTheApplicationToEveryKindOfClient() {
    var given = everySecurityKey();
    assertThat(given).hasSizeGreaterThan(40).containsKeys("ssl.truststore.location", "ssl.keystore.password",
        "sasl.jaas.config", "sasl.login.callback.handler.class", "sasl.oauthbearer.token.endpoint.url");
    var clients = clients(given);

    for (var configs : List.of(clients.adminConfigs("a", Map.of()), clients.consumerConfigs("c", Map.of()),
        clients.producerConfigs("p", Map.of()))) {
      given.forEach((key, value) -> assertThat(configs).as(key).containsEntry(key, value));
      assertThat(configs).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093");
    }
    assertThat(clients.connectionSettings()).containsAllEntriesOf(given).doesNotContainKey("client.id");
  }

  @Test
  void shouldGiveTheSameSecuritySettingsAgainstAnotherBroker() {
    var clients = clients(everySecurityKey()).withBootstrapServers("127.0.0.1:1234");

    assertThat(clients.bootstrapServers()).isEqualTo("127.0.0.1:1234");
    assertThat(clients.consumerConfigs("c", Map.of())).containsEntry("bootstrap.servers", "127.0.0.1:1234")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", SCRAM_JAAS);
  }

  @Test
  void shouldApplyEachKindsPrefixToThatKindOnly() {
    var clients = clients(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
        "admin.sasl.jaas.config", "admin-login", "consumer.sasl.jaas.config", "consumer-login",
        "producer.sasl.jaas.config", "producer-login"));

    assertThat(clients.adminConfigs("a", Map.of())).containsEntry("sasl.jaas.config", "admin-login");
    assertThat(clients.consumerConfigs("c", Map.of())).containsEntry("sasl.jaas.config", "consumer-login");
    assertThat(clients.producerConfigs("p", Map.of())).containsEntry("sasl.jaas.config", "producer-login");
  }

  @Test
  void shouldNameEachClientByItsUseAndLetTheCallOverrideSettings() {
    var clients = clients(Map.of("application.id", "shop-search"));

    assertThat(clients.adminConfigs("topics", Map.of())).containsEntry("client.id", "shop-search-topics");
    assertThat(clients.producerConfigs("repair", Map.of(ProducerConfig.ACKS_CONFIG, "all")))
        .containsEntry("client.id", "shop-search-repair").containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    assertThat(clients(Map.of("client.id", "search-7")).adminConfigs("topics", Map.of()))
        .containsEntry("client.id", "search-7-topics");
  }

  @Test
  void shouldGiveConsumersNoGroupAndNoAutoCommit() {
    var consumer = clients(Map.of("group.id", "someone-else")).consumerConfigs("verify-topics",
        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));

    assertThat(consumer).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
  }
}
