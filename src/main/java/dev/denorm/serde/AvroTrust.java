package dev.denorm.serde;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates generated classes only from trusted packages. The generated classes the
 * configured indexes name (their document types and the row types of their tables) are trusted
 * explicitly, when dev.denorm.index.Indexes is created, with the packages of every record, enum
 * and fixed type their schemas contain — so indexes of your own, in packages of your own, work
 * without system properties. Nothing else is trusted beyond Avro's defaults.
 */
public final class AvroTrust {

  private static final Set<String> TRUSTED_PACKAGES = ConcurrentHashMap.newKeySet();

  static {
    var previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
        type -> type.getPackage() != null && TRUSTED_PACKAGES.contains(type.getPackageName())));
  }

  private AvroTrust() {}

  /** Trusts the generated class and every named type of its schema. */
  public static void trust(Class<? extends SpecificRecord> generated) {
    collect(SpecificData.get().getSchema(generated), new HashSet<>());
  }

  private static void collect(Schema schema, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        if (schema.getNamespace() != null) {
          TRUSTED_PACKAGES.add(schema.getNamespace());
        }
        if (schema.getType() == Schema.Type.RECORD) {
          schema.getFields().forEach(f -> collect(f.schema(), seen));
        }
      }
      case ARRAY -> collect(schema.getElementType(), seen);
      case MAP -> collect(schema.getValueType(), seen);
      case UNION -> schema.getTypes().forEach(s -> collect(s, seen));
      default -> { }
    }
  }
}
