package dev.denorm.app.spi;

/** A command of the tools beside the application ({@code demo}, {@code bench}). A service. */
public interface ToolCommand {

  /** The command's name on the command line. */
  String name();

  /** Runs the command; returns its exit code. */
  int run(ToolContext context) throws Exception;
}
