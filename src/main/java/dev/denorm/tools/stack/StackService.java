package dev.denorm.tools.stack;

import dev.denorm.app.spi.EmbeddedStack;
import dev.denorm.config.AppConfig;

/** The embedded stack as the command line's {@code run} finds it (META-INF/services). */
public final class StackService implements EmbeddedStack {

  @Override
  public Running start(AppConfig config) throws Exception {
    return Stack.start(config, endpoints -> { });
  }
}
