package dev.denorm.testing;

import dev.denorm.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real Elasticsearch 9.5.3 node in a child JVM, from the jars that src/test/es-node/pom.xml
 * copies into target/es-node (run before the ITs). No mapper-extras, ingest, painless or reindex
 * modules exist on Central for it: tests skip only what needs those (STACK.md).
 */
public final class ElasticsearchNode implements SearchEngineUnderTest {

  private static final Path NODE = Path.of("target", "es-node");

  private final Process process;
  private final Path home;
  private final String url;

  private ElasticsearchNode(Process process, Path home, String url) {
    this.process = process;
    this.home = home;
    this.url = url;
  }

  public static boolean available() {
    return Files.exists(NODE.resolve("build/launcher.jar")) && Files.isDirectory(NODE.resolve("lib"));
  }

  public static ElasticsearchNode start() throws IOException {
    return start(Map.of());
  }

  /** With node settings (elasticsearch.yml) on top of the launcher's, e.g. a small {@code http.max_content_length}. */
  public static ElasticsearchNode start(Map<String, String> nodeSettings) throws IOException {
    if (!available()) {
      throw new IllegalStateException("no Elasticsearch node jars in " + NODE.toAbsolutePath()
          + ": run mvn -q -B -f src/test/es-node/pom.xml package");
    }
    Path home = TempDirs.create("denorm-es-");
    Path netty = Files.createDirectories(home.resolve("modules/transport-netty4"));
    try (var jars = Files.list(NODE.resolve("modules/transport-netty4"))) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, netty.resolve(jar.getFileName()));
      }
    }
    Files.copy(NODE.resolve("descriptor/META-INF/es-plugins/transport-netty4/plugin-descriptor.properties"),
        netty.resolve("plugin-descriptor.properties"));
    Path config = Files.createDirectories(home.resolve("config"));
    Files.writeString(config.resolve("log4j2.properties"), """
        status = error
        appender.console.type = Console
        appender.console.name = console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = [es-node] %d{HH:mm:ss.SSS} %-5p %c{1} %m%n
        rootLogger.level = warn
        rootLogger.appenderRef.console.ref = console
        """);
    var yml = new StringBuilder();
    nodeSettings.forEach((key, value) -> yml.append(key).append(": ").append(value).append('\n'));
    Files.writeString(config.resolve("elasticsearch.yml"), yml);
    Files.createDirectories(home.resolve("logs"));
    // Without it the node's native-library loader fails on a null path and logs a stack trace.
    Path natives = Files.createDirectories(home.resolve("native"));
    linkSystemZstd(natives);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC",
        "--add-modules=jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED,org.apache.lucene.core,org.elasticsearch.nativeaccess,org.elasticsearch.foreign",
        "-Des.nativelibs.path=" + natives,
        "--module-path=" + NODE.resolve("lib").toAbsolutePath(), "--add-modules=ALL-MODULE-PATH",
        "-cp", NODE.resolve("build/launcher.jar").toAbsolutePath().toString(),
        "dev.denorm.esnode.EsNodeLauncher", home.toString(), "denorm-it-" + ProcessHandle.current().pid()));
    // to a file, not the test's own output: the node writes UnsatisfiedLinkErrors for native
    // libraries only a distribution ships (libvec), and a forked test JVM's stream is surefire's channel
    Path output = home.resolve("logs/node.out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    Path ports = home.resolve("logs/http.ports");
    try {
      Awaitility.await("Elasticsearch node start").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> !process.isAlive() || Files.exists(ports) && Files.size(ports) > 0);
      if (!process.isAlive()) {
        throw new IllegalStateException("the Elasticsearch node exited with " + process.exitValue() + ":"
            + System.lineSeparator() + Files.readString(output));
      }
      String address = Files.readAllLines(ports).getFirst().trim();
      return new ElasticsearchNode(process, home, "http://" + address);
    } catch (RuntimeException | IOException e) {
      process.destroyForcibly();
      TempDirs.delete(home);
      throw e;
    }
  }

  /**
   * The node loads zstd (for index.codec=best_compression) from its native folder: link the
   * system's, where there is one (Debian's libzstd1).
   */
  private static void linkSystemZstd(Path natives) throws IOException {
    for (String candidate : List.of("/usr/lib/x86_64-linux-gnu/libzstd.so.1", "/usr/lib/aarch64-linux-gnu/libzstd.so.1",
        "/usr/lib64/libzstd.so.1", "/usr/lib/libzstd.so.1")) {
      if (Files.isReadable(Path.of(candidate))) {
        Files.createSymbolicLink(natives.resolve("libzstd.so"), Path.of(candidate));
        return;
      }
    }
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public String description() {
    return "Elasticsearch 9.5.3 (child JVM, no modules besides transport-netty4)";
  }

  @Override
  public boolean hasIngestPipelines() {
    return false;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      TempDirs.delete(home);
    }
  }
}
