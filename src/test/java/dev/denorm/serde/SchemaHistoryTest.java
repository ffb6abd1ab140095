package dev.denorm.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.document.ProductDocument;
import dev.denorm.example.productsales.ProductSalesDocument;
import dev.denorm.example.productsales.ProductSalesIndex;
import dev.denorm.index.Indexes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Bytes written with an earlier schema stay readable; a change they cannot follow is named. */
class SchemaHistoryTest {

  static {
    Indexes.of(new ProductSalesIndex()); // trusts the example's generated classes
  }

  /** ProductSalesDocument as it was before a change: without the fields named. */
  private static Schema without(Schema schema, String... fields) {
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false,
        schema.getFields().stream().filter(f -> !List.of(fields).contains(f.name()))
            .map(f -> new Schema.Field(f, f.schema())).toList());
  }

  private static byte[] write(Schema writer) throws IOException {
    GenericRecord product = new GenericData.Record(writer);
    for (var field : writer.getFields()) {
      product.put(field.name(), switch (field.name()) {
        case "id" -> 7L;
        case "sku" -> "SKU-7";
        case "name" -> "Seven";
        case "description" -> null;
        case "price" -> new Conversions.DecimalConversion().toBytes(new BigDecimal("1.50"),
            field.schema(), field.schema().getLogicalType());
        case "tags" -> List.of();
        case "updated_at" -> 0L;
        default -> 3L;
      });
    }
    ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(product);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Test
  void shouldReadBytesOfAnEarlierSchemaGivingAddedFieldsTheirDefaults() throws IOException {
    Schema earlier = without(ProductSalesDocument.getClassSchema(), "times_ordered", "total_quantity");
    SchemaHistory.global().add(earlier);

    ProductSalesDocument read = AvroSerde.of(ProductSalesDocument.class).fromBytes(write(earlier));

    assertThat(read.getName()).isEqualTo("Seven");
    assertThat(read.getPrice()).isEqualByComparingTo("1.50");
    assertThat(read.getTimesOrdered()).isZero();
    assertThat(read.getTotalQuantity()).isZero();
  }

  @Test
  void shouldSayWhatIsWrongWhenBytesComeFromASchemaNobodyRecorded() throws IOException {
    Schema unknown = without(ProductSalesDocument.getClassSchema(), "times_ordered");

    assertThatThrownBy(() -> AvroSerde.of(ProductSalesDocument.class).fromBytes(write(unknown)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("does not know")
        .hasMessageContaining("schema history topic");
  }

  @Test
  void shouldNameTheRecordAndFieldWhenTheCurrentSchemaCannotReadAnEarlierOne() {
    var history = new SchemaHistory();
    history.add(without(ProductDocument.getClassSchema(), "sku")); // sku added later, without a default
    history.add(without(ProductSalesDocument.getClassSchema(), "total_quantity")); // has a default

    var problems = history.unreadableBy(List.of(ProductDocument.getClassSchema(), ProductSalesDocument.getClassSchema()));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("dev.denorm.document.ProductDocument").contains("sku")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }
}
