package dev.denorm.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code names a class by its simple name and imports it: a fully qualified name inline hides a
 * dependency from the import list. Allowed only where two imported types share a simple name.
 * Comments and string literals (class names given to Kafka's configuration) are not code.
 */
class QualifiedNamesTest {

  private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)\\.(\\w+);");
  private static final Pattern QUALIFIED = Pattern.compile(
      "(?<![\\w.@])((?:java|javax|jdk|org|com|io|dev|net)\\.(?:[a-z_][a-z0-9_]*\\.)+)([A-Z]\\w*)");

  @Test
  void shouldNameClassesInCodeByTheirImports() throws IOException {
    var found = new ArrayList<String>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        found.addAll(inlineNames(file, Files.readAllLines(file)));
      }
    }
    assertThat(found).as("inline fully qualified names (import them instead)").isEmpty();
  }

  @Test
  void shouldFindAnInlineNameButNotOneInACommentOrAStringOrAClash() {
    var lines = List.of("package a;", "import java.util.concurrent.TimeoutException;",
        "class A {", "  java.util.List<String> list; // java.util.Map in a comment",
        "  String name = \"java.util.Set\"; /* java.util.Deque */",
        "  org.apache.kafka.common.errors.TimeoutException clash;", "}");
    assertThat(inlineNames(Path.of("A.java"), lines)).containsExactly("A.java:4: java.util.List");
  }

  static List<String> inlineNames(Path file, List<String> lines) {
    Map<String, String> imported = new HashMap<>();
    var found = new ArrayList<String>();
    boolean inComment = false;
    boolean inTextBlock = false;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      Matcher imp = IMPORT.matcher(line);
      if (imp.find()) {
        if (imp.group(1) == null) {
          imported.put(imp.group(3), imp.group(2));
        }
        continue;
      }
      if (line.startsWith("package ")) {
        continue;
      }
      var code = new StringBuilder();
      int i = 0;
      while (i < line.length()) {
        if (inTextBlock) {
          int end = line.indexOf("\"\"\"", i);
          if (end < 0) {
            break;
          }
          inTextBlock = false;
          i = end + 3;
        } else if (inComment) {
          int end = line.indexOf("*/", i);
          if (end < 0) {
            break;
          }
          inComment = false;
          i = end + 2;
        } else if (line.startsWith("//", i)) {
          break;
        } else if (line.startsWith("/*", i)) {
          inComment = true;
          i += 2;
        } else if (line.startsWith("\"\"\"", i)) {
          inTextBlock = true;
          i += 3;
        } else if (line.charAt(i) == '"' || line.charAt(i) == '\'') {
          char quote = line.charAt(i++);
          while (i < line.length() && line.charAt(i) != quote) {
            i += line.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
          code.append(' ');
        } else {
          code.append(line.charAt(i++));
        }
      }
      Matcher qualified = QUALIFIED.matcher(code);
      while (qualified.find()) {
        String pkg = qualified.group(1).substring(0, qualified.group(1).length() - 1);
        String owner = imported.get(qualified.group(2));
        boolean clash = owner != null && !owner.equals(pkg);
        if (!clash) {
          found.add(file + ":" + (n + 1) + ": " + pkg + "." + qualified.group(2));
        }
      }
    }
    return found;
  }
}
