package dev.denorm.app;

import dev.denorm.app.spi.ToolContext;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run of a tool command: what the command line gives it. The lifecycle (the shutdown hook
 * that stops what the tool started) exists from the first thing the tool starts; a tool that starts
 * nothing here (the bench runs the application as a process) leaves the JVM's shutdown as it is.
 */
final class ToolRun implements ToolContext, AutoCloseable {

  private final AppConfig config;
  private final CommandLine line;
  private final PrintStream out;
  private final PrintStream err;
  private Lifecycle lifecycle;

  ToolRun(AppConfig config, CommandLine line, PrintStream out, PrintStream err) {
    this.config = config;
    this.line = line;
    this.out = out;
    this.err = err;
  }

  @Override
  public AppConfig config() {
    return config;
  }

  @Override
  public Optional<String> option(String name) {
    return line.option(name);
  }

  @Override
  public List<String> options(String name) {
    return line.options(name);
  }

  @Override
  public PrintStream out() {
    return out;
  }

  @Override
  public PrintStream err() {
    return err;
  }

  @Override
  public <T extends AutoCloseable> T stopAtEnd(T resource) {
    return lifecycle().add(resource);
  }

  @Override
  public RunningApp startApp(Endpoints endpoints, Path stateDir) throws Exception {
    var app = stopAtEnd(DenormApp.start(config, endpoints, Optional.of(stateDir)));
    RunCommand.watchCapture(lifecycle(), config, endpoints, app);
    return app::failed;
  }

  @Override
  public int awaitWhileHealthy(RunningApp app) throws InterruptedException {
    return lifecycle().awaitWhileHealthy(app::failed);
  }

  private synchronized Lifecycle lifecycle() {
    if (lifecycle == null) {
      lifecycle = new Lifecycle();
    }
    return lifecycle;
  }

  @Override
  public synchronized void close() {
    if (lifecycle != null) {
      lifecycle.close();
    }
  }
}
