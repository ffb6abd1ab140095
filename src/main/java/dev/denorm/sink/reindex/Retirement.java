package dev.denorm.sink.reindex;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes retired indexes when their grace period is over (searches and scrolls that still use the
 * old index by name finish meanwhile). A deletion due while no instance runs is done at the next start.
 */
public final class Retirement implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Retirement.class);
  private final EngineIndexVersions versions;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    var thread = new Thread(r, "denorm-reindex-retirement");
    thread.setDaemon(true);
    return thread;
  });

  public Retirement(EngineIndexVersions versions) {
    this.versions = versions;
  }

  /** Deletes {@code index} at {@code dueMs} (epoch ms), at once if that is past. */
  public void schedule(String index, long dueMs) {
    long delay = Math.max(0, dueMs - System.currentTimeMillis());
    timer.schedule(() -> delete(index), delay, TimeUnit.MILLISECONDS);
  }

  private void delete(String index) {
    try {
      versions.delete(index);
      log.info("Deleted the retired index {} (its grace period is over)", index);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not delete the retired index {} ({}); the next start tries again", index, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
