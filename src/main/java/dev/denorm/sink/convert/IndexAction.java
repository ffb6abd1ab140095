package dev.denorm.sink.convert;

import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Index (create or replace) a document.
 *
 * @param source the document as UTF-8 JSON, one line
 * @param pipeline the ingest pipeline to run, or null
 */
public record IndexAction(String index, String id, long version, byte[] source, String pipeline)
    implements BulkAction {

  public IndexAction {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public IndexAction to(String otherIndex) {
    return new IndexAction(otherIndex, id, version, source, pipeline);
  }

  @Override
  public int sizeInBytes() {
    return METADATA_LINE_OVERHEAD + index.length() + id.length() + source.length
        + (pipeline == null ? 0 : pipeline.length());
  }

  /** The source as a string, for tests and diagnostics. */
  public String sourceJson() {
    return new String(source, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Never the whole document: logs get the key only.
    return "IndexAction[index=" + index + ", id=" + id + ", version=" + version + ", bytes=" + source.length + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexAction other && index.equals(other.index) && id.equals(other.id)
        && version == other.version && Arrays.equals(source, other.source)
        && Objects.equals(pipeline, other.pipeline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, id, version, Arrays.hashCode(source), pipeline);
  }
}
