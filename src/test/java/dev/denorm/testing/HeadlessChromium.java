package dev.denorm.testing;

import dev.denorm.testkit.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for tests of pages: Debian's headless Chromium, which the test installs
 * ({@code apt-get install -y chromium}, bounded) when it is missing, or fails saying what to
 * install. {@link #dumpDom} loads a page, lets its JavaScript run, and returns the DOM it built.
 */
public final class HeadlessChromium {

  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static Path binary;

  private HeadlessChromium() {}

  /** The browser, installed first if missing. */
  public static synchronized Path installed() {
    if (binary == null) {
      binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElseGet(HeadlessChromium::install);
    }
    return binary;
  }

  private static Path install() {
    String failure;
    try {
      failure = run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
      if (failure != null) {
        // a fresh machine may not have the package lists yet
        String update = run("apt-get", "update");
        failure = update != null ? update : run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
      }
    } catch (IOException e) {
      failure = e.getMessage();
    }
    String why = failureLine(failure);
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
        "the browser test needs headless Chromium at /usr/bin/chromium and could not install it (" + why
            + "); install the Debian package: apt-get install -y chromium"));
  }

  private static String failureLine(String failure) {
    return failure == null ? "apt-get succeeded but installed no /usr/bin/chromium" : failure;
  }

  /** Runs an apt-get step within the install bound; null when it succeeded, else its last line. */
  private static String run(String... command) throws IOException {
    Path log = Files.createTempFile("denorm-apt", ".log");
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return String.join(" ", command) + ": " + e.getMessage();
      }
      try {
        if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return String.join(" ", command) + " did not end within " + INSTALL_TIMEOUT.toMinutes() + " min";
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      if (process.exitValue() == 0) {
        return null;
      }
      var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" ", command) + " exited " + process.exitValue() + ": "
          + (lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Loads {@code url} in a fresh profile, runs its scripts for {@code budget} of virtual time
   * (timers fire, fetches are real), and returns the serialized DOM.
   */
  public static String dumpDom(String url, Duration budget) throws IOException, InterruptedException {
    Path profile = TempDirs.create("denorm-chromium");
    Path dom = profile.resolveSibling(profile.getFileName() + ".html");
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    var command = new ArrayList<>(List.of(installed().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--virtual-time-budget=" + budget.toMillis(), "--dump-dom", url));
    Process process = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
    try {
      if (!process.waitFor(budget.toSeconds() + 60, TimeUnit.SECONDS)) {
        throw new IOException("Chromium did not render " + url + " within " + (budget.toSeconds() + 60) + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("Chromium exited " + process.exitValue() + " rendering " + url + ": "
            + Files.readString(log, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse(""));
      }
      return Files.readString(dom, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      TempDirs.delete(profile);
      Files.deleteIfExists(dom);
      Files.deleteIfExists(log);
    }
  }
}
