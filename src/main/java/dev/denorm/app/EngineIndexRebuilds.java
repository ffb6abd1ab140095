package dev.denorm.app;

import dev.denorm.index.Indexes;
import dev.denorm.config.AppConfig;
import dev.denorm.config.KafkaClients;
import dev.denorm.sink.engine.EngineSession;
import dev.denorm.sink.reindex.EngineIndexBuilder;
import java.util.ArrayList;
import java.util.List;

/** The rebuilds {@link EngineSession#prepare} found to run at this start, one {@link EngineIndexBuilder} each. */
final class EngineIndexRebuilds implements AutoCloseable {

  private final List<EngineIndexBuilder> builders;

  private EngineIndexRebuilds(List<EngineIndexBuilder> builders) {
    this.builders = builders;
  }

  /** Opens each build (failing fast if its document topic cannot give every document); {@link #start()} runs them. */
  static EngineIndexRebuilds open(AppConfig config, KafkaClients kafka, EngineSession engine) {
    var builders = new ArrayList<EngineIndexBuilder>();
    try {
      engine.builds().forEach((name, build) -> {
        var index = Indexes.of(config).named(name);
        var source = new EngineIndexBuilder.Source(kafka, config.topology().documentTopic(name), index.documentSerde(),
            config.sink().pipeline(name).orElse(null), engine.versionBase(name));
        builders.add(new EngineIndexBuilder(name, build, source, engine.versions(), engine.retirement(),
            config.sink().reindexGraceMs(), config.sink().reindexMaxRecordsPerSecond(),
            listener -> engine.newWriter(name + "/build", listener), () -> engine.buildFinished(name)));
      });
    } catch (RuntimeException e) {
      new EngineIndexRebuilds(builders).close();
      throw e;
    }
    return new EngineIndexRebuilds(builders);
  }

  void start() {
    builders.forEach(EngineIndexBuilder::start);
  }

  /** Whether every build of this start is done (the alias moved). */
  boolean finished() {
    return builders.stream().allMatch(EngineIndexBuilder::finished);
  }

  @Override
  public void close() {
    for (EngineIndexBuilder builder : builders) {
      try {
        builder.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
