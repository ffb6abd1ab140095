package dev.denorm.serde;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every Avro schema bytes may have been written with, by the fingerprint that the single-object
 * encoding puts in front of them. {@link AvroSerde} decoders ask it for a writer schema they do
 * not know and then read by Avro schema resolution (fields matched by name, added fields take
 * their defaults), so state stores, changelogs and topics written by an older version of a
 * document or row schema stay readable. One per JVM; filled at start from the schema history
 * topic (dev.denorm.app.StoredSchemas).
 */
public final class SchemaHistory implements SchemaStore {

  private static final SchemaHistory GLOBAL = new SchemaHistory();

  /** An empty history of its own (tests; the application uses {@link #global()}). */
  public SchemaHistory() {}
  private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

  /** The history every {@link AvroSerde} of this JVM resolves with. */
  public static SchemaHistory global() {
    return GLOBAL;
  }

  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  public void add(Schema schema) {
    byFingerprint.putIfAbsent(fingerprint(schema), schema);
  }

  public boolean contains(Schema schema) {
    return byFingerprint.containsKey(fingerprint(schema));
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /**
   * For each current schema, the known earlier schemas of the same record that it cannot read,
   * each as one sentence naming the record and what is incompatible. Empty: all stored bytes
   * can be read.
   */
  public List<String> unreadableBy(Collection<Schema> current) {
    var problems = new ArrayList<String>();
    for (Schema reader : current) {
      for (Schema writer : byFingerprint.values()) {
        if (!writer.getFullName().equals(reader.getFullName()) || fingerprint(writer) == fingerprint(reader)) {
          continue;
        }
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
          problems.add(reader.getFullName() + " cannot read what its earlier schema (fingerprint "
              + Long.toHexString(fingerprint(writer)) + ") wrote: " + result.getResult().getIncompatibilities().stream()
              .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList());
        }
      }
    }
    return problems;
  }
}
