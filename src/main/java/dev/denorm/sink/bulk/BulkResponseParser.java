package dev.denorm.sink.bulk;

import java.util.Collections;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a _bulk response in one streaming pass. When the top-level {@code errors} is false (the
 * common case) the items are skipped and every item is {@link ItemResult#OK}.
 */
public final class BulkResponseParser {

  private static final JsonFactory JSON = new JsonFactory();

  private BulkResponseParser() {}

  /** The item results, in request order; {@code expected} is the number of actions sent. */
  public static List<ItemResult> parse(InputStream body, int expected) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      boolean errors = true;
      List<ItemResult> items = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("errors".equals(field)) {
          errors = value == JsonToken.VALUE_TRUE;
        } else if ("items".equals(field) && errors) {
          items = readItems(p, expected);
        } else {
          p.skipChildren();
        }
      }
      if (!errors) {
        return Collections.nCopies(expected, ItemResult.OK);
      }
      if (items == null || items.size() != expected) {
        throw new IOException("bulk response has " + (items == null ? 0 : items.size())
            + " items for " + expected + " actions");
      }
      return items;
    }
  }

  private static List<ItemResult> readItems(JsonParser p, int expected) throws IOException {
    expect(p.currentToken(), JsonToken.START_ARRAY);
    var items = new ArrayList<ItemResult>(expected);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      p.nextToken(); // the action name: index, delete, create or update
      expect(p.nextToken(), JsonToken.START_OBJECT);
      items.add(readItem(p));
      expect(p.nextToken(), JsonToken.END_OBJECT);
    }
    return items;
  }

  private static ItemResult readItem(JsonParser p) throws IOException {
    int status = 0;
    String type = null;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "status" -> status = p.getIntValue();
        case "error" -> {
          if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              p.nextToken();
              if ("type".equals(name)) {
                type = p.getText();
              } else if ("reason".equals(name)) {
                reason = p.getText();
              } else {
                p.skipChildren();
              }
            }
          } else {
            type = p.getText();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new ItemResult(status, type, reason);
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("malformed bulk response: expected " + expected + " but got " + actual);
    }
  }
}
