package dev.denorm.tools.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry 3.3.3 as a child process (a Quarkus app that needs its own JVM), in-memory
 * storage, HTTP and management on free loopback ports, the global compatibility rule BACKWARD
 * (Confluent's default). Speaks the Confluent REST API
 * ({@link #confluentUrl()}, what denorm reads schemas from) and Apicurio's own
 * ({@link #apicurioUrl()}, what the Connect worker's Apicurio converter registers them with).
 */
final class LocalRegistry implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(90);
  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LocalRegistry start(Path home, Path log) {
    home = home.toAbsolutePath();
    Path jar = home.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no Apicurio Registry at " + home.toAbsolutePath() + " (denorm.stack.registry.home):"
          + " the build unpacks it to target/apicurio (mvn generate-resources), or set denorm.source.registry.url");
    }
    int port = Ports.orFree(0);
    int management = Ports.orFree(0);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
          "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
          "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + management,
          "-jar", jar.toString()))
          .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Apicurio Registry from " + jar, e);
    }
    var registry = new LocalRegistry(process, port);
    try {
      registry.awaitReady(management, log);
      registry.requireBackwardCompatibility();
      return registry;
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  private void awaitReady(int management, Path log) {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/health/ready")).build();
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Apicurio Registry starts", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Apicurio Registry starts", e);
      }
    }
    throw new IllegalStateException("Apicurio Registry not ready within " + READY.toSeconds() + " s; see " + log);
  }

  /**
   * Confluent Schema Registry's default, which Apicurio does not apply by itself: a new version of a
   * subject must read data of the one before, so schema changes in the tests run under the rule.
   */
  private void requireBackwardCompatibility() {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/apis/registry/v3/admin/rules"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"ruleType\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}")).build();
    try {
      int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        throw new IllegalStateException("Apicurio Registry refused the BACKWARD compatibility rule: HTTP " + status);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot set Apicurio Registry's compatibility rule", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting Apicurio Registry's compatibility rule", e);
    }
  }

  String confluentUrl() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  String apicurioUrl() {
    return "http://127.0.0.1:" + port + "/apis/registry/v2";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
