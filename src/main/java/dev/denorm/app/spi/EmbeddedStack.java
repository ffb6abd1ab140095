package dev.denorm.app.spi;

import dev.denorm.config.AppConfig;
import dev.denorm.config.Endpoints;
import java.nio.file.Path;

/**
 * Starts, in this JVM, every part of the stack that has no external endpoint configured. A
 * service: {@code run} looks it up only when a part has no endpoint, and the lean jar has none.
 */
public interface EmbeddedStack {

  Running start(AppConfig config) throws Exception;

  /** The started parts; closing stops them. */
  interface Running extends AutoCloseable {

    /** Where every part answers, embedded or external. */
    Endpoints endpoints();

    /** Kafka Streams' state directory for this stack, used unless state.dir is set. */
    Path streamsStateDir();

    @Override
    void close();
  }
}
