package dev.denorm.serde;

import java.util.Set;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 loads generated classes only from trusted packages. This trusts the packages our
 * schemas in avro/ generate (rows, documents) on top of Avro's defaults, once per JVM.
 */
public final class AvroTrust {

  private static final Set<String> GENERATED_PACKAGES = Set.of("dev.denorm.row", "dev.denorm.document");
  private static volatile boolean installed;

  private AvroTrust() {}

  public static synchronized void install() {
    if (installed) {
      return;
    }
    var previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
        type -> type.getPackage() != null && GENERATED_PACKAGES.contains(type.getPackageName())));
    installed = true;
  }
}
