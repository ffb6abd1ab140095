package dev.denorm.sink.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.denorm.sink.convert.BulkAction;
import dev.denorm.sink.convert.DeleteAction;
import dev.denorm.sink.convert.IndexAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes actions as a _bulk NDJSON body with external versions. */
public final class BulkBody {

  private static final JsonFactory JSON = new JsonFactory();

  private BulkBody() {}

  public static byte[] of(List<? extends BulkAction> actions) {
    var out = new ByteArrayOutputStream(actions.stream().mapToInt(BulkAction::sizeInBytes).sum());
    try {
      for (BulkAction action : actions) {
        writeMetadata(out, action);
        if (action instanceof IndexAction index) {
          out.write(index.source());
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The exact number of bytes {@code action} adds to a body: its metadata line, and its source line if any. */
  public static int sizeOf(BulkAction action) {
    var metadata = new ByteArrayOutputStream(160);
    try {
      writeMetadata(metadata, action);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return metadata.size() + (action instanceof IndexAction index ? index.source().length + 1 : 0);
  }

  private static void writeMetadata(ByteArrayOutputStream out, BulkAction action) throws IOException {
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeObjectFieldStart(switch (action) {
        case IndexAction i -> "index";
        case DeleteAction d -> "delete";
      });
      gen.writeStringField("_index", action.index());
      gen.writeStringField("_id", action.id());
      gen.writeNumberField("version", action.version());
      gen.writeStringField("version_type", "external");
      if (action instanceof IndexAction index && index.pipeline() != null) {
        gen.writeStringField("pipeline", index.pipeline());
      }
      gen.writeEndObject();
      gen.writeEndObject();
    }
    out.write('\n');
  }
}
