package dev.denorm.sink.convert;

import java.util.Objects;

/** Delete a document; the engine keeps the delete's version for index.gc_deletes. */
public record DeleteAction(String index, String id, long version) implements BulkAction {

  public DeleteAction {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public DeleteAction to(String otherIndex) {
    return new DeleteAction(otherIndex, id, version);
  }

  @Override
  public int sizeInBytes() {
    return METADATA_LINE_OVERHEAD + index.length() + id.length();
  }
}
