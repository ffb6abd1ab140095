package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The placeholder in each form Debezium gives it, per column type (UnchangedToastedPlaceholder). */
class ToastPlaceholderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT = ToastPlaceholder.RECOMMENDED;
  private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
  private final ToastPlaceholder placeholder = new ToastPlaceholder(TEXT);

  private static JsonNode json(Object value) {
    return JSON.valueToTree(value);
  }

  private static Schema nullable(Schema schema) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
  }

  @Test
  void shouldRecogniseTextVarcharJsonAndJsonbAsTheString() {
    assertThat(placeholder.matches(json(TEXT), Schema.create(Schema.Type.STRING))).isTrue();
    assertThat(placeholder.matches(json(TEXT), nullable(Schema.create(Schema.Type.STRING)))).isTrue();
    assertThat(placeholder.matches(json("__debezium_unavailable_value"), Schema.create(Schema.Type.STRING))).isFalse();
    assertThat(placeholder.matches(json(TEXT + " "), Schema.create(Schema.Type.STRING))).isFalse();
  }

  @Test
  void shouldRecogniseByteaAsTheBase64OfThePlaceholderBytes() {
    var bytea = nullable(Schema.create(Schema.Type.BYTES));
    assertThat(placeholder.matches(json(Base64.getEncoder().encodeToString(BYTES)), bytea)).isTrue();
    assertThat(placeholder.matches(json(Base64.getEncoder().encodeToString(new byte[] {1, 2})), bytea)).isFalse();
    var decimal = LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    assertThat(placeholder.matches(json(Base64.getEncoder().encodeToString(BYTES)), decimal))
        .as("numeric is never sent as a placeholder").isFalse();
  }

  @Test
  void shouldRecogniseTextAndUuidArraysAsOneElement() {
    var texts = SchemaBuilder.array().items(nullable(Schema.create(Schema.Type.STRING)));
    assertThat(placeholder.matches(json(new String[] {TEXT}), texts)).isTrue();
    assertThat(placeholder.matches(json(new String[] {UUID.nameUUIDFromBytes(BYTES).toString()}), texts)).isTrue();
    assertThat(placeholder.matches(json(new String[] {TEXT, TEXT}), texts)).isFalse();
    assertThat(placeholder.matches(json(new String[] {"a"}), texts)).isFalse();
  }

  @Test
  void shouldRecogniseNumberArraysAsOneElementPerPlaceholderByte() {
    var longs = SchemaBuilder.array().items(Schema.create(Schema.Type.LONG));
    long[] asLongs = new long[BYTES.length];
    for (int i = 0; i < BYTES.length; i++) {
      asLongs[i] = BYTES[i];
    }
    assertThat(placeholder.matches(json(asLongs), longs)).isTrue();
    assertThat(placeholder.matches(json(new long[] {1, 2, 3}), longs)).isFalse();
    assertThat(placeholder.matches(json(asLongs), SchemaBuilder.array().items(Schema.create(Schema.Type.INT)))).isTrue();
  }

  @Test
  void shouldNeverMatchTypesPostgresqlDoesNotToast() {
    assertThat(placeholder.matches(json(5), Schema.create(Schema.Type.LONG))).isFalse();
    assertThat(placeholder.matches(json(true), Schema.create(Schema.Type.BOOLEAN))).isFalse();
    assertThat(placeholder.matches(json(TEXT), Schema.create(Schema.Type.LONG))).isFalse();
  }
}
