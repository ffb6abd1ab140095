package dev.denorm.app;

import dev.denorm.app.spi.EmbeddedStack;
import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import dev.denorm.config.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The parts {@code run} works with. When every part has its endpoint configured nothing is
 * started, in either jar. Otherwise the embedded stack, found at run time, starts the missing
 * ones; without it (the lean jar) {@code run} stops at once, naming the keys to set.
 */
final class StackParts {

  private StackParts() {}

  static EmbeddedStack.Running start(AppConfig config, Services services) throws Exception {
    var missing = config.partsWithoutEndpoint();
    if (missing.isEmpty()) {
      return External.of(config);
    }
    var embedded = services.embeddedStack().orElseThrow(() -> new Unusable(noEmbeddedStack(missing)));
    return embedded.start(config);
  }

  static String noEmbeddedStack(Map<String, String> missing) {
    var keys = missing.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue()
        + (e.getValue().equals(StackSettings.POSTGRES_URL)
            ? ", with " + StackSettings.POSTGRES_USER + " and " + StackSettings.POSTGRES_PASSWORD : "") + ")")
        .collect(Collectors.joining(", "));
    return "no endpoint for " + keys + ", and this jar has no embedded stack to start "
        + (missing.size() == 1 ? "it" : "them") + ". Set " + (missing.size() == 1 ? "that key" : "those keys")
        + " (--set KEY=VALUE, --config FILE or DENORM_* variables; docs/configuration.md), or run "
        + Services.fullJar() + ", which starts the missing parts embedded";
  }

  /**
   * Every part external: nothing to start. Kafka Streams' state goes where the embedded stack
   * would put it: {@code streams/} under denorm.stack.data.dir, else under a temporary directory
   * deleted at stop (unless state.dir is set, which wins over both).
   */
  private record External(Endpoints endpoints, Path dir, boolean temporary) implements EmbeddedStack.Running {

    static External of(AppConfig config) throws IOException {
      var endpoints = config.externalEndpoints();
      Optional<Path> kept = config.stack().dataDir();
      if (kept.isPresent()) {
        return new External(endpoints, Files.createDirectories(kept.get().toAbsolutePath()), false);
      }
      return new External(endpoints, Files.createTempDirectory("denorm-"), true);
    }

    @Override
    public Path streamsStateDir() {
      return dir.resolve("streams");
    }

    @Override
    public void close() {
      if (!temporary) {
        return;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + dir, e);
      }
    }
  }
}
