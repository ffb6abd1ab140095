package dev.denorm.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * What the documents of some indexes hold, as Markdown, read from their Avro document schemas:
 * per index the schema's doc, the tables it is built from, and each field (a dotted path into
 * nested objects, {@code []} into arrays) with its JSON type and the field's doc. The schemas'
 * doc strings are the only place a field is described; docs/documents.md is this page for the
 * shop's indexes, and DocumentReferenceTest keeps it current.
 */
public final class DocumentReference {

  /** One field of a document: its path, its JSON type in words and its doc (null: none). */
  public record Field(String path, String type, String doc) {}

  private DocumentReference() {}

  /** A section per index: a heading, a paragraph and a table of its fields. */
  public static String markdown(Indexes indexes) {
    var out = new StringBuilder();
    for (DocumentIndex<?> index : indexes.all()) {
      Schema schema = index.documentSerde().schema();
      var tables = index.plan().tables().stream().map(t -> "`" + t.name() + "`").toList();
      out.append("## Index `").append(index.name()).append("`\n\n")
          .append(cell(schema.getDoc())).append(" Root table ").append(tables.get(0))
          .append(tables.size() == 1 ? "" : "; also built from " + String.join(", ", tables.subList(1, tables.size())))
          .append(". Schema `").append(schema.getFullName()).append("`; SQL `").append(index.getClass().getSimpleName())
          .append(".sql` next to `").append(index.getClass().getName()).append("`.\n\n")
          .append("| field | type | description |\n|---|---|---|\n");
      for (Field field : fields(schema)) {
        out.append("| `").append(field.path()).append("` | ").append(field.type()).append(" | ")
            .append(field.doc() == null ? "" : cell(field.doc())).append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Every field of a document schema, depth first, nested fields after the field that holds them. */
  public static List<Field> fields(Schema document) {
    var fields = new ArrayList<Field>();
    add(fields, "", document);
    return fields;
  }

  private static void add(List<Field> fields, String prefix, Schema record) {
    for (Schema.Field field : record.getFields()) {
      String path = prefix + field.name();
      fields.add(new Field(path, type(field.schema()), field.doc()));
      Schema inner = nonNull(field.schema());
      if (inner.getType() == Schema.Type.RECORD) {
        add(fields, path + ".", inner);
      } else if (inner.getType() == Schema.Type.ARRAY && nonNull(inner.getElementType()).getType() == Schema.Type.RECORD) {
        add(fields, path + "[].", nonNull(inner.getElementType()));
      }
    }
  }

  /** The type a field has in the document's JSON (as dev.denorm.sink.convert.DocumentConverter writes it). */
  static String type(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      var types = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).map(DocumentReference::type).toList();
      return String.join(" or ", types) + (types.size() < schema.getTypes().size() ? " or null" : "");
    }
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    }
    if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis) {
      return "timestamp";
    }
    return switch (schema.getType()) {
      case RECORD, MAP -> "object";
      case ARRAY -> "array of " + (schema.getElementType().getType() == Schema.Type.UNION
          ? "(" + type(schema.getElementType()) + ")" : type(schema.getElementType()));
      case INT, LONG -> "integer";
      case FLOAT, DOUBLE -> "number";
      case STRING, ENUM -> "string";
      case BOOLEAN -> "boolean";
      default -> schema.getType().getName();
    };
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    var types = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    return types.size() == 1 ? types.get(0) : schema;
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
