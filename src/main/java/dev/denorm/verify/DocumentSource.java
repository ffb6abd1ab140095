package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Where the actual documents are read from: the search engine, or the document topics. */
public interface DocumentSource extends Closeable {

  /** Every document of an index, by id, as JSON. */
  Map<String, JsonNode> documents(String index) throws IOException;

  String describe();
}
