package dev.denorm.tools.bench;

import dev.denorm.app.spi.ToolCommand;
import dev.denorm.app.spi.ToolContext;

/** {@code bench}: the command line's way to {@link Bench}. */
public final class BenchCommand implements ToolCommand {

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public int run(ToolContext context) throws Exception {
    var options = BenchOptions.from(context::option, context.options("app-set"), context.options("app-jvm"),
        context.options("connector-set"));
    return new Bench(context.config(), options, context.out(), context.err()).call();
  }
}
