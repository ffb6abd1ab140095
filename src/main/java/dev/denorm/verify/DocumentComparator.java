package dev.denorm.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two documents by value: numbers numerically (19.90 equals 19.9), strings that are
 * both ISO-8601 instants as instants, arrays in order, objects key by key (a null value and a
 * missing key differ). Returns the differences as readable paths.
 */
public final class DocumentComparator {

  private DocumentComparator() {}

  public static List<String> differences(JsonNode expected, JsonNode actual) {
    var out = new ArrayList<String>();
    compare("$", expected, actual, out);
    return out;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected == null || actual == null) {
      if (expected != actual) {
        out.add(path + ": " + (expected == null ? "unexpected " + actual : "missing, expected " + expected));
      }
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        out.add(path + ": expected " + expected + " but was " + actual);
      }
    } else if (expected.isTextual() && actual.isTextual()) {
      if (!sameText(expected.textValue(), actual.textValue())) {
        out.add(path + ": expected " + expected + " but was " + actual);
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(path + ": expected " + expected.size() + " elements but was " + actual.size());
      }
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
    } else if (expected.isObject() && actual.isObject()) {
      var keys = new TreeSet<String>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (var key : keys) {
        compare(path + "." + key, expected.get(key), actual.get(key), out);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": expected " + expected + " but was " + actual);
    }
  }

  private static boolean sameText(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    try {
      return Instant.parse(expected).equals(Instant.parse(actual));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
