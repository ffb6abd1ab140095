package dev.denorm.index;

import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.io.IOException;
import dev.denorm.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;

/**
 * One search index: its name, its document type (an Avro record from avro/documents), the rows
 * its documents are built from ({@link #plan()}) and how one document is assembled from them.
 * The runtime keeps those rows in the state stores of the partition that owns the document and
 * re-assembles a document whenever one of its rows changed; an index class holds no Kafka
 * Streams code.
 *
 * @param <D> the document type
 */
public interface DocumentIndex<D extends SpecificRecord> {

  /** The index name, also the last part of its document topic and every store name it owns. */
  String name();

  /** The serde of the documents in the document topic. */
  AvroSerde<D> documentSerde();

  /** The root table and the relations the documents are built from. */
  DocumentPlan plan();

  /**
   * The document of one root row, or null when it must not exist (an inner-joined row missing).
   * Must be a pure function of {@code rows}: it is called again whenever one of them changes.
   */
  D assemble(Rows rows);

  /**
   * The version of how this index's documents are written to the engine, beyond its mapping and
   * settings (which are compared by themselves): raise it to have the index rebuilt as
   * {@code <name>-v<N+1>} from its document topic at the next start, e.g. after changing its
   * ingest pipeline. Default 1.
   */
  default int topologyVersion() {
    return 1;
  }

  /**
   * The SQL that states this index's documents, which {@code verify} compares the index with: a
   * script whose last statement selects one row {@code (doc_id text, doc jsonb)} per document
   * (earlier statements may create {@code pg_temp} helpers; {@code pg_temp.ts(timestamptz)}, a
   * timestamp as the documents' JSON writes it, is always there). Default: the resource
   * {@code <ClassName>.sql} next to the class (e.g. src/main/java/.../OrderIndex.sql), or null
   * when there is none, and the index is then reported as not verified.
   */
  default String oracleSql() {
    return sqlNextTo(getClass(), getClass().getSimpleName() + ".sql");
  }

  /** The resource {@code name} in the package of {@code type} (e.g. OrderIndex.sql next to OrderIndex), or null. */
  static String sqlNextTo(Class<?> type, String name) {
    try (var in = type.getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " next to " + type.getName(), e);
    }
  }
}
