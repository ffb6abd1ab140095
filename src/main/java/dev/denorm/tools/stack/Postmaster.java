package dev.denorm.tools.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The postmaster of a PostgreSQL cluster directory, as its {@code postmaster.pid} names it: asked
 * for a fast shutdown (SIGINT) and waited for, so that the cluster can be started again.
 */
final class Postmaster {

  private Postmaster() {}

  private static final String COMMAND = "postgres";

  /** The live postgres process that the cluster's pid file names, if any. */
  static Optional<ProcessHandle> of(Path cluster) throws IOException {
    return of(cluster, COMMAND);
  }

  /** The same, for a process whose command ends with {@code command} (tests use a stand-in). */
  static Optional<ProcessHandle> of(Path cluster, String command) throws IOException {
    String first;
    try {
      var lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
      first = lines.isEmpty() ? "" : lines.get(0).strip();
    } catch (NoSuchFileException none) {
      return Optional.empty();
    }
    if (!first.matches("\\d+")) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith(command)).orElse(true));
  }

  /** Asks a running postmaster of the cluster for a fast shutdown and waits until it exited. */
  static void stopAndAwait(Path cluster, Duration bound) throws IOException {
    stopAndAwait(cluster, bound, COMMAND);
  }

  static void stopAndAwait(Path cluster, Duration bound, String command) throws IOException {
    var postmaster = of(cluster, command);
    if (postmaster.isEmpty()) {
      return;
    }
    long pid = postmaster.get().pid();
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
      postmaster.get().onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the PostgreSQL postmaster " + pid + " of " + cluster + " did not stop within "
          + bound.toSeconds() + " s of a fast shutdown", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the postmaster " + pid + " of " + cluster + " to stop", e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }
}
