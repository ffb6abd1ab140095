package dev.denorm.app;

import java.time.Duration;
import java.util.Optional;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Secrets;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.kafka.common.config.ConfigException;

/**
 * The command line: parses, loads the configuration, runs one command, exits with its code. The
 * tool commands (demo, bench) and the embedded stack are found at run time ({@link Services}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // run and demo return only when the application failed; Ctrl-C ends them through the shutdown hook
    System.exit(run(System.out, System.err, args));
  }

  static int run(PrintStream out, PrintStream err, String... args) {
    return run(Services.loaded(), out, err, args);
  }

  static int run(Services services, PrintStream out, PrintStream err, String... args) {
    CommandLine line;
    AppConfig config;
    try {
      line = CommandLine.parse(args);
      if (line.help()) {
        out.print(CommandLine.USAGE);
        return 0;
      }
      config = ConfigLoader.load(line.configFile(), System.getenv(), line.sets());
    } catch (CommandLine.UsageException e) {
      err.println("denorm: " + e.getMessage());
      err.println("Try 'denorm --help'.");
      return 2;
    } catch (ConfigException e) {
      err.println("denorm: configuration error: " + e.getMessage());
      return 2;
    }
    try {
      return switch (line.command()) {
        case "run" -> new RunCommand(config, services, out).call();
        case "demo", "bench" -> runTool(services, line, config, out, err);
        case "verify" -> new VerifyCommand(config, out, line.option("source").orElse("search"),
            line.option("repair").isPresent()).call();
        case "resnapshot" -> new ResnapshotCommand(config, out, line.option("table"), line.option("where"),
            line.option("no-wait").isPresent() ? Optional.empty()
                : Optional.of(line.option("url").orElseGet(() -> StatusCommand.defaultUrl(config.http().port()))),
            WaitRoute.duration(line.option("timeout").orElse("1800s"), Duration.ofDays(1)),
            line.option("keep-deleted").isEmpty()).call();
        case "wait" -> new WaitCommand(line.option("url").orElseGet(() -> StatusCommand.defaultUrl(config.http().port())),
            config.http().token(), line.option("index"), line.option("lsn"), line.option("timeout"), out, err).call();
        case "status" -> new StatusCommand(line.option("url").orElseGet(() -> StatusCommand.defaultUrl(config.http().port())),
            config.http().token(), out, err).call();
        default -> throw new IllegalStateException(line.command());
      };
    } catch (ConfigException e) {
      err.println("denorm: configuration error: " + e.getMessage());
      return 2;
    } catch (CommandLine.UsageException e) {
      err.println("denorm " + line.command() + ": " + e.getMessage());
      err.println("Try 'denorm --help'.");
      return 2;
    } catch (Unusable e) {
      err.println("denorm " + line.command() + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      // the trace with any URL's credentials and password= values masked (Secrets.redact)
      var trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println("denorm " + line.command() + " failed: " + Secrets.redact(e.toString()));
      err.print(Secrets.redact(trace.toString()));
      return 1;
    }
  }

  private static int runTool(Services services, CommandLine line, AppConfig config, PrintStream out, PrintStream err)
      throws Exception {
    var tool = services.tool(line.command()).orElseThrow(() -> new Unusable("needs the full jar, " + Services.fullJar()
        + ", which has the embedded stack and the tools; this jar holds the application only (run, verify, status, resnapshot, wait)"));
    try (var run = new ToolRun(config, line, out, err)) {
      return tool.run(run);
    }
  }
}
