package dev.denorm.tools.stack;

import org.awaitility.Awaitility;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterTest {

  @TempDir Path cluster;

  @Test
  void shouldFindNoPostmasterWithoutAPidFileOrWithADeadPid() throws Exception {
    assertThat(Postmaster.of(cluster)).isEmpty();
    var done = new ProcessBuilder("true").start();
    done.waitFor(10, TimeUnit.SECONDS);
    pidFile(done.pid());

    assertThat(Postmaster.of(cluster)).isEmpty();
    Postmaster.stopAndAwait(cluster, Duration.ofSeconds(1)); // nothing to stop: returns at once
  }

  @Test
  void shouldNotTakeAnotherProgramWithThePidForThePostmaster() throws Exception {
    var other = new ProcessBuilder("sleep", "300").start();
    try {
      pidFile(other.pid());
      assertThat(Postmaster.of(cluster)).isEmpty();
      Postmaster.stopAndAwait(cluster, Duration.ofSeconds(1));
      assertThat(other.isAlive()).as("left alone").isTrue();
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldAskForAFastShutdownAndWaitUntilThePostmasterExited() throws Exception {
    // Like a postmaster, it handles SIGINT by exiting; its own handler, because a child of a shell's background job
    // inherits SIGINT ignored. It says "ready" once the handler is set.
    var standIn = new ProcessBuilder("perl", "-e", "$| = 1; $SIG{INT} = sub { exit 0 }; print \"ready\\n\"; sleep 300")
        .start();
    try {
      assertThat(new BufferedReader(new InputStreamReader(standIn.getInputStream())).readLine())
          .isEqualTo("ready");
      pidFile(standIn.pid());

      Postmaster.stopAndAwait(cluster, Duration.ofSeconds(30), "perl");

      assertThat(standIn.isAlive()).isFalse();
    } finally {
      standIn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldSayWhichPostmasterDidNotStopWithinTheBound() throws Exception {
    // ignores SIGINT, as a postmaster stuck in its shutdown checkpoint seems to
    var stuck = new ProcessBuilder("sh", "-c", "trap '' INT; exec sleep 300").start();
    try {
      awaitCommand(stuck, "sleep");
      pidFile(stuck.pid());

      assertThatThrownBy(() -> Postmaster.stopAndAwait(cluster, Duration.ofSeconds(1), "sleep"))
          .isInstanceOf(IOException.class).hasMessageContaining("postmaster " + stuck.pid())
          .hasMessageContaining("did not stop within 1 s");
      assertThat(stuck.isAlive()).isTrue();
    } finally {
      stuck.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void pidFile(long pid) throws IOException {
    Files.writeString(cluster.resolve("postmaster.pid"), pid + "\n" + cluster + "\n");
  }

  /** Until sh has exec'd the command (bounded). */
  private static void awaitCommand(Process process, String command) {
    Awaitility.await("exec " + command).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> process.toHandle().info().command().map(c -> c.endsWith(command)).orElse(false));
  }
}
