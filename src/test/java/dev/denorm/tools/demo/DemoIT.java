package dev.denorm.tools.demo;

import java.net.Socket;
import java.net.InetSocketAddress;
import java.io.UncheckedIOException;
import java.io.IOException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo command as a user runs it, in its own JVM: it starts, indexes the generated shop,
 * prints documents and how to query them, and stops on Ctrl-C (SIGINT) within seconds, leaving
 * no process (PostgreSQL is a native child) and no temporary directory behind.
 */
class DemoIT {

  @TempDir Path tmp;
  private Process demo;

  @AfterEach
  void killLeftovers() {
    if (demo != null && demo.isAlive()) {
      demo.destroyForcibly();
    }
    processesUsing(tmp).forEach(ProcessHandle::destroyForcibly);
  }

  private static List<ProcessHandle> processesUsing(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> p.info().commandLine().orElse("").contains("postgres") && p.info().commandLine().orElse("").contains(dir.toString()))
        .toList();
  }

  private static boolean listening(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void shouldIndexTheShopShowDocumentsAndStopCleanlyOnCtrlC() throws Exception {
    var java = ProcessHandle.current().info().command().orElse("java");
    // Through perl, which resets SIGINT to its default before it execs the JVM (same pid): a JVM that starts with
    // SIGINT ignored, as every child of a shell's background job does, keeps it ignored, and Ctrl-C is what we test.
    demo = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--",
        java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        "dev.denorm.app.Main", "demo", "--customers", "30", "--set", "commit.interval.ms=200",
        "--set", "denorm.http.port=0") // any free port: another app on the machine may hold 9464
        .redirectErrorStream(true)
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    var reader = Thread.ofPlatform().daemon().start(() -> {
      try (var in = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(line -> {
          lines.add(line);
          System.out.println("[demo] " + line);
        });
      } catch (IOException | UncheckedIOException ignored) {
        // the process ended
      }
    });

    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
        .failFast("demo exited", () -> !demo.isAlive())
        .until(() -> lines.stream().anyMatch(l -> l.contains("Press Ctrl-C to stop")));
    assertThat(lines).anyMatch(l -> l.contains("PostgreSQL      jdbc:postgresql://127.0.0.1:"));
    assertThat(lines).anyMatch(l -> l.startsWith("Indexed {products=10, customers=30, orders=90}"));
    assertThat(lines).anyMatch(l -> l.contains("\"line_count\""));
    assertThat(lines).anyMatch(l -> l.contains("curl -s 'http://127.0.0.1:"));
    assertThat(lines).anyMatch(l -> l.contains("psql postgresql://postgres@127.0.0.1:"));
    // pg_ctl detaches PostgreSQL from the JVM; its command line names the data directory under tmp
    assertThat(processesUsing(tmp)).as("PostgreSQL runs").isNotEmpty();
    var ports = lines.stream()
        .filter(l -> l.matches("  (PostgreSQL|Kafka|Kafka Connect|Search engine) +\\S*127\\.0\\.0\\.1:\\d+.*"))
        .map(l -> Integer.parseInt(l.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"))).toList();
    assertThat(ports).hasSize(4);

    long stopStart = System.nanoTime();
    new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
    assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    System.out.printf("demo stopped %d ms after SIGINT%n", (System.nanoTime() - stopStart) / 1_000_000);
    reader.join(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> processesUsing(tmp).isEmpty());
    assertThat(ports).as("no endpoint still listening").noneMatch(DemoIT::listening);
    try (var left = Files.list(tmp)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("denorm-stack-")))
          .as("temporary stack directory deleted").isEmpty();
    }
  }
}
