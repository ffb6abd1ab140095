package dev.denorm.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a command started, last started first, exactly once: on Ctrl-C or SIGTERM through
 * a shutdown hook, or when the command ends. Log4j is shut down last (its own hook is disabled in
 * log4j2.xml so that the stop is logged).
 */
final class Lifecycle implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stop, "denorm-shutdown");

  Lifecycle() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized <T extends AutoCloseable> T add(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Blocks until the JVM is asked to stop, or returns 1 as soon as {@code failed} says so. */
  int awaitWhileHealthy(BooleanSupplier failed) throws InterruptedException {
    while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
      if (failed.getAsBoolean()) {
        LOG.error("the application failed; stopping");
        return 1;
      }
    }
    return 0;
  }

  private void stop() {
    long start = System.nanoTime();
    synchronized (this) {
      while (!resources.isEmpty()) {
        var resource = resources.pop();
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("stopping {} failed", resource.getClass().getSimpleName(), e);
        }
      }
    }
    LOG.info("stopped in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    stopped.countDown();
    LogManager.shutdown();
  }

  /** Stops now (when the command ends without a signal). */
  @Override
  public void close() {
    if (stopped.getCount() > 0) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        return; // the hook is running already
      }
      stop();
    }
  }
}
