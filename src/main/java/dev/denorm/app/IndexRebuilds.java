package dev.denorm.app;

import dev.denorm.config.AppConfig;
import dev.denorm.sink.engine.SearchEngine;
import dev.denorm.sink.reindex.IndexBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;

/** The rebuilds {@link SearchEngine#prepare} found to run at this start, one {@link IndexBuilder} each. */
final class IndexRebuilds implements AutoCloseable {

  private final List<IndexBuilder> builders;

  private IndexRebuilds(List<IndexBuilder> builders) {
    this.builders = builders;
  }

  /** Opens each build (failing fast if its document topic cannot give every document); {@link #start()} runs them. */
  static IndexRebuilds open(AppConfig config, SearchEngine engine) {
    String bootstrap = config.streamsProperties().getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    var builders = new ArrayList<IndexBuilder>();
    try {
      engine.builds().forEach((name, build) -> {
        var index = config.indexes().named(name);
        var source = new IndexBuilder.Source(bootstrap, config.topology().documentTopic(name), index.documentSerde(),
            config.sink().pipeline(name).orElse(null), engine.versionBase(name));
        builders.add(new IndexBuilder(name, build, source, engine.versions(), engine.retirement(),
            config.sink().reindexGraceMs(), config.sink().reindexMaxRecordsPerSecond(),
            listener -> engine.newWriter(name + "/build", listener), () -> engine.buildFinished(name)));
      });
    } catch (RuntimeException e) {
      new IndexRebuilds(builders).close();
      throw e;
    }
    return new IndexRebuilds(builders);
  }

  void start() {
    builders.forEach(IndexBuilder::start);
  }

  /** Whether every build of this start is done (the alias moved). */
  boolean finished() {
    return builders.stream().allMatch(IndexBuilder::finished);
  }

  @Override
  public void close() {
    for (IndexBuilder builder : builders) {
      try {
        builder.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
