package dev.denorm.cdc;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.index.ShopTables;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderTest {

  private static final String PLACEHOLDER = ToastPlaceholder.RECOMMENDED;
  /** As it stands in JSON: the JsonConverter escapes the NUL. */
  private static final String ESCAPED = PLACEHOLDER.replace("\u0000", "\\u0000");
  private final ChangeEventDecoder<ProductRow> products = new ChangeEventDecoder<>(ShopTables.PRODUCTS, PLACEHOLDER, true);
  private final ChangeEventDecoder<OrderRow> orders = new ChangeEventDecoder<>(ShopTables.ORDERS, PLACEHOLDER, true);

  private static byte[] json(String text) {
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static final String PRODUCT_ROW =
      "{'id':1,'sku':'S1','name':'N','description':null,'price':'19.90','tags':['a',null],'updated_at':'2026-11-25T10:48:05.481828Z'}";

  @Test
  void shouldDecodeEnvelopeWithoutSchemaForEveryUpsertOp() {
    for (String op : new String[] {"c", "r", "u"}) {
      var change = products.decode(json("{'before':null,'after':" + PRODUCT_ROW + ",'source':{},'op':'" + op + "'}"));
      ProductRow row = change.row();
      assertThat(row.getId()).isEqualTo(1L);
      assertThat(row.getPrice()).isEqualTo(new BigDecimal("19.90"));
      assertThat(row.getTags()).containsExactly("a", null);
      assertThat(row.getDescription()).isNull();
      assertThat(row.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-25T10:48:05.481828Z"));
      assertThat(change.unavailable()).isEmpty();
    }
  }

  /**
   * Debezium's PostgreSQL {@code source.sequence} is {@code ["<last commit lsn>","<lsn>"]}: the first
   * is the same for every change of one transaction, and what transaction alignment waits past.
   */
  @Test
  void shouldTakeTheCommitBeforeTheTransactionFromTheSourceSequenceOfAStreamedChange() {
    var updated = products.decode(json("{'after':" + PRODUCT_ROW
        + ",'source':{'sequence':'[\\'24023928\\',\\'24024120\\']'},'op':'u'}"));
    assertThat(updated.previousCommit()).isEqualTo(24023928L);
    var deleted = orders.decode(json("{'before':{'id':1},'after':null,'source':{'sequence':'[\\'77\\',\\'90\\']'},'op':'d'}"));
    assertThat(deleted.isDelete()).isTrue();
    assertThat(deleted.previousCommit()).isEqualTo(77L);
    var flattened = products.decode(json(PRODUCT_ROW.replace("{'id'", "{'__source_sequence':'[\\'5\\',\\'9\\']','id'")));
    assertThat(flattened.previousCommit()).isEqualTo(5L);
  }

  @Test
  void shouldNotReadTheSourceSequenceWhenTransactionsAreNotAligned() {
    var unaligned = new ChangeEventDecoder<>(ChangeEventReader.json(), ShopTables.PRODUCTS, PLACEHOLDER, true, List.of(), false);
    var updated = unaligned.decode(json("{'after':" + PRODUCT_ROW
        + ",'source':{'sequence':'[\\'24023928\\',\\'24024120\\']'},'op':'u'}"));
    assertThat(updated.previousCommit()).isEqualTo(RowChange.UNKNOWN);
    var flattened = unaligned.decode(json(PRODUCT_ROW.replace("{'id'", "{'__source_sequence':'[\\'5\\',\\'9\\']','id'")));
    assertThat(flattened.previousCommit()).isEqualTo(RowChange.UNKNOWN);
  }

  @Test
  void shouldKnowNoTransactionOfASnapshotReadOrAnEventWithoutASequence() {
    var read = products.decode(json("{'after':" + PRODUCT_ROW
        + ",'source':{'snapshot':'true','sequence':'[\\'24023928\\',\\'24024120\\']'},'op':'r'}"));
    assertThat(read.previousCommit()).isEqualTo(RowChange.UNKNOWN);
    var bare = products.decode(json("{'after':" + PRODUCT_ROW + ",'source':{},'op':'c'}"));
    assertThat(bare.previousCommit()).isEqualTo(RowChange.UNKNOWN);
    assertThat(ChangeEventDecoder.previousCommit("[null,\"9\"]")).as("the first streamed transaction").isZero();
    assertThat(ChangeEventDecoder.previousCommit("[\"\",\"9\"]")).isEqualTo(RowChange.UNKNOWN);
    assertThat(ChangeEventDecoder.previousCommit("[\"-4\",\"9\"]")).isEqualTo(RowChange.UNKNOWN);
    assertThat(ChangeEventDecoder.previousCommit("[\"12")).isEqualTo(RowChange.UNKNOWN);
  }

  @Test
  void shouldMarkTheLastRowTheSnapshotReadOfATable() {
    for (String mark : new String[] {"last_in_data_collection", "last"}) {
      var change = products.decode(json("{'after':" + PRODUCT_ROW + ",'source':{'snapshot':'" + mark + "'},'op':'r'}"));
      assertThat(change.snapshot()).isTrue();
      assertThat(change.snapshotEnd()).as(mark).isTrue();
    }
    for (String mark : new String[] {"true", "first", "first_in_data_collection"}) {
      var change = products.decode(json("{'after':" + PRODUCT_ROW + ",'source':{'snapshot':'" + mark + "'},'op':'r'}"));
      assertThat(change.snapshot()).isTrue();
      assertThat(change.snapshotEnd()).as(mark).isFalse();
    }
    var first = products.decode(json("{'after':" + PRODUCT_ROW + ",'source':{'snapshot':'first'},'op':'r'}"));
    assertThat(first.place()).isEqualTo(RowChange.Place.FIRST);
    var streamed = products.decode(json("{'after':" + PRODUCT_ROW + ",'source':{'snapshot':'last'},'op':'c'}"));
    assertThat(streamed.snapshotEnd()).as("only a read (op r) ends a snapshot").isFalse();
  }

  /**
   * Rows an incremental snapshot reads (Debezium's signal {@code execute-snapshot}) come while the
   * connector streams, and no last-row mark ends them: taken as the initial snapshot's, they held
   * every document of the indexes that read the table until 30 s after the last of them.
   */
  @Test
  void shouldTakeARowAnIncrementalSnapshotReadAsAnUpsertNotAsTheInitialSnapshot() {
    var read = products.decode(json("{'before':null,'after':" + PRODUCT_ROW
        + ",'source':{'snapshot':'incremental','lsn':null},'op':'r'}"));
    assertThat(read.snapshot()).isFalse();
    assertThat(read.snapshotEnd()).isFalse();
    assertThat(read.row().getName()).isEqualTo("N");
    assertThat(read.unavailable()).as("a read row has every column").isEmpty();
    // flattened by ExtractNewRecordState with add.fields=op,source.snapshot
    var flattened = products.decode(json(PRODUCT_ROW.replace("{'id':1,", "{'id':1,'__op':'r','__source_snapshot':'incremental',")));
    assertThat(flattened.snapshot()).isFalse();
    assertThat(flattened.row().getName()).isEqualTo("N");
    var initial = products.decode(json(PRODUCT_ROW.replace("{'id':1,", "{'id':1,'__op':'r','__source_snapshot':'true',")));
    assertThat(initial.snapshot()).as("the initial snapshot's read, flattened").isTrue();
  }

  @Test
  void shouldDecodeDeleteEventAndTombstoneAsDelete() {
    assertThat(products.decode(json("{'before':{'id':1,'price':null},'after':null,'source':{},'op':'d'}")).isDelete()).isTrue();
    assertThat(products.decode(null).isDelete()).isTrue();
    assertThat(products.decode(json("{'schema':null,'payload':null}")).isDelete()).isTrue();
  }

  @Test
  void shouldDecodeEnvelopeWithSchemaAndPreciseDecimal() {
    String schema = "{'type':'struct','fields':[{'field':'before','type':'struct','fields':[]},"
        + "{'field':'after','type':'struct','fields':["
        + "{'field':'price','type':'bytes','name':'org.apache.kafka.connect.data.Decimal','parameters':{'scale':'2'}},"
        + "{'field':'updated_at','type':'string','name':'io.debezium.time.ZonedTimestamp'}]}]}";
    String row = "{'id':1,'sku':'S1','name':'N','description':'d','price':'AeI6','tags':[],'updated_at':'2026-11-25T10:48:05Z'}";
    var change = products.decode(json("{'schema':" + schema + ",'payload':{'before':null,'after':" + row + ",'op':'c','source':{}}}"));
    assertThat(change.row().getPrice()).isEqualTo(new BigDecimal("1234.50"));
  }

  @Test
  void shouldDecodeNumericAsDoubleAndAsVariableScaleDecimal() {
    String asDouble = PRODUCT_ROW.replace("'19.90'", "19.9");
    assertThat(products.decode(json("{'after':" + asDouble + ",'op':'c'}")).row().getPrice()).isEqualTo(new BigDecimal("19.90"));
    String variable = PRODUCT_ROW.replace("'19.90'", "{'scale':1,'value':'AMc='}");
    assertThat(products.decode(json("{'after':" + variable + ",'op':'c'}")).row().getPrice()).isEqualTo(new BigDecimal("19.90"));
  }

  @Test
  void shouldRejectPreciseDecimalWithoutSchema() {
    String precise = PRODUCT_ROW.replace("'19.90'", "'AeI6'");
    assertThatThrownBy(() -> products.decode(json("{'after':" + precise + ",'op':'c'}")))
        .isInstanceOf(MalformedChangeException.class).hasMessageContaining("decimal.handling.mode=string");
  }

  @Test
  void shouldCallADecimalThatNeedsRoundingANewShapeNotABadValue() {
    String tooPrecise = PRODUCT_ROW.replace("'19.90'", "'19.905'");
    assertThatThrownBy(() -> products.decode(json("{'after':" + tooPrecise + ",'op':'c'}")))
        .isInstanceOf(IncompatibleColumnException.class).hasMessageContaining("column price of table products")
        .hasMessageContaining("scale 2");
  }

  @Test
  void shouldDecodeFlattenedRowsAndTheirDeletes() {
    assertThat(products.decode(json(PRODUCT_ROW)).row().getSku()).isEqualTo("S1");
    String deleted = PRODUCT_ROW.replace("{'id':1,", "{'id':1,'__deleted':'true',");
    assertThat(products.decode(json(deleted)).isDelete()).isTrue();
    String opDelete = PRODUCT_ROW.replace("{'id':1,", "{'id':1,'__op':'d',");
    assertThat(products.decode(json(opDelete)).isDelete()).isTrue();
  }

  @Test
  void shouldListToastedColumnsAsUnavailable() {
    String toasted = PRODUCT_ROW.replace("'description':null", "'description':'" + ESCAPED + "'")
        .replace("['a',null]", "['" + ESCAPED + "']");
    var change = products.decode(json("{'after':" + toasted + ",'op':'u'}"));
    assertThat(change.unavailable()).containsExactlyInAnyOrder("description", "tags");
    assertThat(change.row().getDescription()).isNull();
  }

  @Test
  void shouldDecodeTimestampsAsMicrosMillisNanosAndIso() {
    String base = "{'id':1,'customer_id':2,'status':'NEW','shipping_address_id':null,'ordered_at':%s}";
    assertThat(orders.decode(json(base.formatted("1700000000123456"))).row().getOrderedAt())
        .isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    assertThat(orders.decode(json(base.formatted("'2023-11-14T23:13:20.123456+01:00'"))).row().getOrderedAt())
        .isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    String millisSchema = "{'type':'struct','fields':[{'field':'ordered_at','type':'int64','name':'io.debezium.time.Timestamp'}]}";
    assertThat(orders.decode(json("{'schema':" + millisSchema + ",'payload':" + base.formatted("1700000000123") + "}")).row().getOrderedAt())
        .isEqualTo(Instant.parse("2023-11-14T22:13:20.123Z"));
    String nanosSchema = "{'type':'struct','fields':[{'field':'ordered_at','type':'int64','name':'io.debezium.time.NanoTimestamp'}]}";
    assertThat(orders.decode(json("{'schema':" + nanosSchema + ",'payload':" + base.formatted("-1000") + "}")).row().getOrderedAt())
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
  }

  @Test
  void shouldDecodeTruncateAsEveryRowDeletedWhenApplyingTruncates() {
    var change = products.decode(json("{'before':null,'after':null,'source':{},'op':'t'}"));
    assertThat(change.truncate()).isTrue();
    assertThat(change.isDelete()).isTrue();
  }

  @Test
  void shouldRejectTruncateWithInstructionsWhenReportingTruncates() {
    var reporting = new ChangeEventDecoder<>(ShopTables.PRODUCTS, PLACEHOLDER, false);
    assertThatThrownBy(() -> reporting.decode(json("{'before':null,'after':null,'source':{},'op':'t'}")))
        .isInstanceOf(TruncateEventException.class).hasMessageContaining("re-snapshot");
  }

  @Test
  void shouldKeepAValueEqualToThePlaceholderInAnInsertOrSnapshotRead() {
    String literal = PRODUCT_ROW.replace("'description':null", "'description':'" + ESCAPED + "'")
        .replace("['a',null]", "['" + ESCAPED + "']");
    for (String op : new String[] {"c", "r"}) {
      var change = products.decode(json("{'after':" + literal + ",'op':'" + op + "'}"));
      assertThat(change.unavailable()).as(op).isEmpty();
      assertThat(change.row().getDescription()).isEqualTo(PLACEHOLDER);
      assertThat(change.row().getTags()).containsExactly(PLACEHOLDER);
    }
    var flattened = products.decode(json(literal.replace("{'id':1,", "{'id':1,'__op':'c',")));
    assertThat(flattened.unavailable()).isEmpty();
  }

  @Test
  void shouldKeepDebeziumsDefaultPlaceholderAsARealValueInAnUpdate() {
    String literal = PRODUCT_ROW.replace("'description':null", "'description':'__debezium_unavailable_value'");
    var change = products.decode(json("{'after':" + literal + ",'op':'u'}"));
    assertThat(change.unavailable()).isEmpty();
    assertThat(change.row().getDescription()).isEqualTo("__debezium_unavailable_value");
  }

  @Test
  void shouldRejectUnknownOpBadJsonAndUnparsableValues() {
    assertThatThrownBy(() -> products.decode(json("{'after':" + PRODUCT_ROW + ",'op':'x'}")))
        .isInstanceOf(MalformedChangeException.class).hasMessageContaining("unknown op 'x'");
    assertThatThrownBy(() -> products.decode(json("{not json")))
        .isInstanceOf(MalformedChangeException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> products.decode(json(PRODUCT_ROW.replace("'price':'19.90'", "'price':'12,5'"))))
        .isExactlyInstanceOf(MalformedChangeException.class).hasMessageContaining("column price should be a number but is \"12,5\"");
  }

  @Test
  void shouldCallAMissingRetypedOrNowNullableColumnAShapeTheIndexesCannotRead() {
    var named = new ChangeEventDecoder<>(ChangeEventReader.json(), ShopTables.PRODUCTS, PLACEHOLDER, true, List.of("products", "orders"), true);
    assertThatThrownBy(() -> named.decode(json(PRODUCT_ROW.replace("'sku':'S1',", ""))))
        .isInstanceOf(IncompatibleColumnException.class)
        .hasMessageContaining("column sku of table products is missing from its change event")
        .hasMessageContaining("[products, orders]").hasMessageContaining("loses nothing");
    assertThatThrownBy(() -> named.decode(json(PRODUCT_ROW.replace("'name':'N'", "'name':{'a':1}"))))
        .isInstanceOf(IncompatibleColumnException.class).hasMessageContaining("column name of table products should be a string");
    assertThatThrownBy(() -> named.decode(json(PRODUCT_ROW.replace("'sku':'S1'", "'sku':null"))))
        .isInstanceOf(IncompatibleColumnException.class).hasMessageContaining("column sku of table products is NULL");
  }
}
