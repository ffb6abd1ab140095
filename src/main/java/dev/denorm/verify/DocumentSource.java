package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Where the actual documents are read from: the search engine, or the document topics. */
public interface DocumentSource extends Closeable {

  /** Every document of an index, by id, as JSON. */
  Map<String, JsonNode> documents(String index) throws IOException;

  /** The documents of these ids that exist (a batch of the streaming comparison). */
  default Map<String, JsonNode> documents(String index, Collection<String> ids) throws IOException {
    var all = documents(index);
    var found = new HashMap<String, JsonNode>();
    for (String id : ids) {
      var doc = all.get(id);
      if (doc != null) {
        found.put(id, doc);
      }
    }
    return found;
  }

  /** Every document id of an index, in any order. */
  default void ids(String index, Consumer<String> each) throws IOException {
    documents(index).keySet().forEach(each);
  }

  String describe();
}
