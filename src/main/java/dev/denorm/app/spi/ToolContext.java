package dev.denorm.app.spi;

import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the command line gives a tool command: the configuration, the options, and the application. */
public interface ToolContext {

  AppConfig config();

  /** The value of a command option (e.g. {@code scale} for {@code --scale}). */
  Optional<String> option(String name);

  /** Every value of a repeatable command option. */
  List<String> options(String name);

  PrintStream out();

  PrintStream err();

  /**
   * Stops {@code resource} when the command ends or the JVM is asked to stop (Ctrl-C, SIGTERM),
   * the last one added first.
   */
  <T extends AutoCloseable> T stopAtEnd(T resource);

  /**
   * Starts the application on these endpoints, as {@code run} does (with the WAL guard and the
   * connector watch), stopped at the end.
   *
   * @param stateDir Kafka Streams' state directory unless state.dir is set
   */
  RunningApp startApp(Endpoints endpoints, Path stateDir) throws Exception;

  /** Blocks until the JVM is asked to stop (then 0), or until the application failed (then 1). */
  int awaitWhileHealthy(RunningApp app) throws InterruptedException;

  /** The application started by {@link #startApp}. */
  interface RunningApp {
    boolean failed();
  }
}
