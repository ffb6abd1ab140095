package dev.denorm.app;

import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.position.Mark;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Position marks through the production topology of an index whose lines reach their customer
 * through a resolver (customers, their orders, the orders' lines, the lines' products): a capture
 * sample that the intake has passed comes out of the document topic as a mark, behind the documents
 * of the changes it covers, and only then.
 */
class PositionMarksTest {

  private final CustomerTreeDriver topology = new CustomerTreeDriver(Map.of());

  @AfterEach
  void stop() {
    topology.close();
  }

  @Test
  void shouldWriteTheMarkBehindTheDocumentsOfTheChangesItCoversOnceTheIntakePassedTheSample() {
    topology.insert("customers", customer(1));
    topology.insert("products", product(100));
    topology.insert("orders", order(5, 1, null));
    topology.insert("order_lines", line(1, 5, 100, 1, "1.00"));
    topology.sample(0x100);

    topology.pass();

    var written = topology.written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", Mark.DOCUMENT_KEY_PREFIX + "0");
    assertThat(Mark.of(written.get(1).value)).isEqualTo(new Mark(0x100, 0, 1));
  }

  @Test
  void shouldSendNoMarkWhileTheIntakeHasNotReachedTheSamplesEndOffsets() {
    topology.insert("customers", customer(1));
    topology.insert("products", product(100));
    topology.insert("orders", order(5, 1, null));
    // the sample says the connector wrote a line the intake has not read yet
    var ends = new HashMap<String, Long>(topology.piped());
    ends.put("order_lines", 1L);
    topology.sample(0x200, ends, Map.of());

    topology.pass();
    assertThat(topology.written()).extracting(kv -> kv.key).doesNotContain(Mark.DOCUMENT_KEY_PREFIX + "0");

    topology.insert("order_lines", line(1, 5, 100, 1, "1.00"));
    topology.pass();

    // the customer again, now with the line, and behind it the mark
    var written = topology.written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", Mark.DOCUMENT_KEY_PREFIX + "0");
    assertThat(Mark.of(written.get(1).value).position()).isEqualTo(0x200);
  }

  @Test
  void shouldCountARecordTheApplicationCommittedInAnEarlierRunAsApplied() {
    // nothing piped in this run, but the group's committed offsets are at the topics' ends
    var ends = Map.of("customers", 3L, "orders", 2L, "order_lines", 4L, "products", 1L);
    topology.sample(0x300, ends, ends);

    topology.pass();

    var written = topology.written();
    assertThat(written).extracting(kv -> kv.key).containsExactly(Mark.DOCUMENT_KEY_PREFIX + "0");
    assertThat(topology.positions.report("customer-tree").get("assembly")).containsEntry("customer-tree/0", "0/300");
  }

  @Test
  void shouldSendAMarkOnlyWhenThePositionRose() {
    topology.insert("customers", customer(1));
    topology.sample(0x100);
    topology.pass();
    assertThat(topology.written()).extracting(kv -> kv.key).contains(Mark.DOCUMENT_KEY_PREFIX + "0");

    topology.pass();
    assertThat(topology.written()).isEmpty();
  }
}
