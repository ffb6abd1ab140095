package dev.denorm.app;

import dev.denorm.app.spi.EmbeddedStack;
import dev.denorm.app.spi.ToolCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The embedded stack and the tool commands, looked up at run time (META-INF/services): the full jar
 * has them, the lean production jar (classifier {@code app}) does not. Looked up only when needed.
 */
final class Services {

  private final Supplier<Optional<EmbeddedStack>> stack;
  private final Function<String, Optional<ToolCommand>> tools;

  private Services(Supplier<Optional<EmbeddedStack>> stack, Function<String, Optional<ToolCommand>> tools) {
    this.stack = stack;
    this.tools = tools;
  }

  /** What is on the class path. */
  static Services loaded() {
    return new Services(() -> ServiceLoader.load(EmbeddedStack.class).findFirst(),
        name -> ServiceLoader.load(ToolCommand.class).stream().map(ServiceLoader.Provider::get)
            .filter(tool -> tool.name().equals(name)).findFirst());
  }

  /** Nothing beside the application, as in the lean jar. */
  static Services none() {
    return new Services(Optional::empty, name -> Optional.empty());
  }

  Optional<EmbeddedStack> embeddedStack() {
    return stack.get();
  }

  Optional<ToolCommand> tool(String name) {
    return tools.apply(name);
  }

  /**
   * The jar that has the embedded stack and the tools: this jar's name with {@code -all} for
   * {@code -app} when run from the lean jar, else the name it has in target/.
   */
  static String fullJar() {
    try {
      var location = Services.class.getProtectionDomain().getCodeSource().getLocation();
      var name = Path.of(location.toURI()).getFileName().toString();
      if (name.endsWith("-app.jar")) {
        return name.substring(0, name.length() - "-app.jar".length()) + "-all.jar";
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source to name: the generic name below
    }
    return "denorm-<version>-all.jar";
  }
}
