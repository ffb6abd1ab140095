package dev.denorm.deadletter;

import java.util.LinkedHashMap;
import dev.denorm.cdc.TruncateEventException;
import dev.denorm.cdc.IncompatibleColumnException;
import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.config.TopologySettings;
import dev.denorm.testkit.ChangeEvents;
import dev.denorm.deadletter.DeadLetterHeaders;
import dev.denorm.index.order.OrderIndex;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.testkit.IndexTestDriver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTopologyTest {

  private final IndexTestDriver shop = new IndexTestDriver(new ProductIndex());
  private IndexTestDriver reporting;

  @AfterEach
  void close() {
    shop.close();
    if (reporting != null) {
      reporting.close();
    }
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldSendMalformedEventToDeadLetterTopicAndKeepProcessing() {
    byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
    shop.pipe("products", ChangeEvents.key(1), bad).insert("products", product(2)).emit();

    var deadLetters = shop.deadLetters();
    assertThat(deadLetters).hasSize(1);
    var record = deadLetters.get(0);
    assertThat(record.value()).isEqualTo(bad);
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).as("its source position")
        .isEqualTo("pg.shop.products-0@0");
    assertThat(record.headers().lastHeader(DeadLetterHeaders.KEY).value()).isEqualTo(ChangeEvents.key(1));
    assertThat(header(record.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("pg.shop.products");
    assertThat(header(record.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("0");
    assertThat(header(record.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
    assertThat(header(record.headers(), DeadLetterHeaders.MESSAGE)).contains("not JSON");
    assertThat(shop.documents("products")).containsOnlyKeys("2");
  }

  @Test
  void shouldSendEventsWithUnknownOpMissingKeyOrUnparsableValueToDeadLetterTopic() {
    shop.pipe("products", ChangeEvents.key(1), ChangeEvents.envelope("products", "x", null, product(1)))
        .pipe("products", null, ChangeEvents.create("products", product(1)))
        .pipe("products", ChangeEvents.key(1), ChangeEvents.create("products", product(1).with("price", "12,5")));

    var deadLetters = shop.deadLetters();
    assertThat(deadLetters).extracting(r -> header(r.headers(), DeadLetterHeaders.MESSAGE))
        .containsExactly("unknown op 'x' (expected c, r, u, d or t)", "change event has no key",
            "column price should be a number but is \"12,5\"");
    assertThat(deadLetters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly("pg.shop.products-0@0", "pg.shop.products-0@1", "pg.shop.products-0@2");
    assertThat(deadLetters.get(1).headers().lastHeader(DeadLetterHeaders.KEY)).as("it had none").isNull();
  }

  @Test
  void shouldSetAsideADocumentTooLargeForTheProducerAndKeepWritingTheOthers() {
    // 8 KB requests leave 7 KB for a value: every row fits, an order of five lines of this product does not
    reporting = new IndexTestDriver(Map.of("producer.max.request.size", "8192"), List.of(new OrderIndex()));
    var longName = product(1);
    longName.put("name", "Teapot " + "with a very long name ".repeat(100));
    reporting.insert("customers", customer(1)).insert("products", longName).insert("products", product(2))
        .insert("orders", order(1, 1, null)).insert("orders", order(2, 1, null));
    for (long line = 1; line <= 5; line++) {
      reporting.insert("order_lines", line(line, 1, 1, 1, "1.00"));
    }
    reporting.insert("order_lines", line(6, 2, 2, 1, "1.00")).emit();

    assertThat(reporting.documents("orders")).containsOnlyKeys("2");
    var deadLetters = reporting.deadLetters();
    assertThat(deadLetters).hasSize(1);
    var letter = deadLetters.get(0);
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).as("emitted by a punctuation: keyed by its content")
        .startsWith(reporting.topology().documentTopic("orders") + "#");
    assertThat(header(letter.headers(), DeadLetterHeaders.KEY)).isEqualTo("1");
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_TYPE)).isEqualTo("too_large");
    assertThat(header(letter.headers(), DeadLetterHeaders.MESSAGE)).contains("max.request.size");
    assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"value_bytes\":");

    reporting.insert("orders", order(3, 1, null)).emit();
    assertThat(reporting.documents("orders")).containsOnlyKeys("2", "3");
  }

  @Test
  void shouldSetAsideARoutingRecordTooLargeForTheProducerKeyedByTheChangeEventsPosition() {
    reporting = new IndexTestDriver(Map.of("producer.max.request.size", "8192"), List.of(new ProductIndex()));
    var huge = product(1);
    huge.put("description", "long ".repeat(2_000));
    reporting.insert("products", huge).insert("products", product(2)).emit();

    assertThat(reporting.documents("products")).containsOnlyKeys("2");
    var letter = reporting.deadLetters().getFirst();
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).startsWith("pg.shop.products-0@0/")
        .endsWith("-repartition");
    assertThat(header(letter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("pg.shop.products");
    assertThat(header(letter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
    assertThat(header(letter.headers(), DeadLetterHeaders.ERROR_TYPE)).isEqualTo("too_large");
  }

  @Test
  void shouldStopAtAnEventWhoseTableLostAColumnTheIndexesReadAndSetNothingAside() {
    shop.insert("products", product(1)).emit();
    var withoutSku = new LinkedHashMap<String, Object>(product(2));
    withoutSku.remove("sku");

    assertThatThrownBy(() -> shop.pipe("products", ChangeEvents.key(2), ChangeEvents.create("products", withoutSku)))
        .hasRootCauseInstanceOf(IncompatibleColumnException.class)
        .rootCause().hasMessageContaining("column sku of table products is missing").hasMessageContaining("[products]");
    assertThat(shop.deadLetters()).isEmpty();
  }

  @Test
  void shouldReportTruncateLoudlyInDeadLetterTopicWhenTruncatesAreReported() {
    reporting = new IndexTestDriver(Map.of(TopologySettings.TRUNCATE_MODE, "report"), List.of(new ProductIndex()));
    reporting.insert("products", product(1)).emit().newWrites("products");
    reporting.pipe("products", null, ChangeEvents.truncate("products")).emit();

    assertThat(reporting.newWrites("products")).as("nothing deleted").isEmpty();
    var deadLetters = reporting.deadLetters();
    assertThat(deadLetters).hasSize(1);
    assertThat(header(deadLetters.get(0).headers(), DeadLetterHeaders.EXCEPTION))
        .isEqualTo(TruncateEventException.class.getName());
    assertThat(header(deadLetters.get(0).headers(), DeadLetterHeaders.MESSAGE)).contains("TRUNCATE", "re-snapshot");
  }
}
