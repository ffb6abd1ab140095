package dev.denorm.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of one run, in the order measured, as a Markdown table and a CSV. A figure that
 * could not be measured is kept with value "failed" and the reason, so a table is always written.
 */
final class Report {

  /** One figure; {@code value} is null when it failed or was not reached. */
  record Figure(String phase, String name, Double value, String unit, String note) {

    String shown() {
      return value == null ? (note.startsWith("skipped") ? "skipped" : "failed") : format(value);
    }
  }

  private final String title;
  private final List<String> machine = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();

  Report() {
    this("denorm bench");
  }

  /** A report whose Markdown is headed {@code title}. */
  Report(String title) {
    this.title = title;
  }

  synchronized void machine(String line) {
    machine.add(line);
  }

  synchronized void add(String phase, String name, double value, String unit, String note) {
    figures.add(new Figure(phase, name, value, unit, note));
    Progress.line("%s: %s = %s %s %s", phase, name, format(value), unit, note);
  }

  void add(String phase, String name, double value, String unit) {
    add(phase, name, value, unit, "");
  }

  synchronized void fail(String phase, String name, String reason) {
    figures.add(new Figure(phase, name, null, "", reason.replace('\n', ' ')));
    Progress.line("%s: %s FAILED: %s", phase, name, reason);
  }

  synchronized List<Figure> figures() {
    return List.copyOf(figures);
  }

  synchronized Optional<Double> value(String phase, String name) {
    return figures.stream().filter(f -> f.phase().equals(phase) && f.name().equals(name) && f.value() != null)
        .map(Figure::value).findFirst();
  }

  synchronized String markdown() {
    var b = new StringBuilder("# " + title + "\n\n");
    machine.forEach(m -> b.append("- ").append(m).append('\n'));
    b.append("\n| phase | figure | value | unit | note |\n| --- | --- | ---: | --- | --- |\n");
    for (var f : figures) {
      b.append("| ").append(f.phase()).append(" | ").append(f.name()).append(" | ").append(f.shown())
          .append(" | ").append(f.unit()).append(" | ").append(f.note().replace("|", "/")).append(" |\n");
    }
    return b.toString();
  }

  synchronized String csv() {
    var b = new StringBuilder("phase,figure,value,unit,note\n");
    machine.forEach(m -> b.append("machine,").append(csvField(m)).append(",,,\n"));
    for (var f : figures) {
      b.append(csvField(f.phase())).append(',').append(csvField(f.name())).append(',')
          .append(f.value() == null ? "" : format(f.value())).append(',').append(csvField(f.unit())).append(',')
          .append(csvField(f.value() == null ? f.shown() + ": " + f.note() : f.note())).append('\n');
    }
    return b.toString();
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bench.md"), markdown());
    Files.writeString(dir.resolve("bench.csv"), csv());
  }

  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 1 ? "%.2f" : "%.3f", value);
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
