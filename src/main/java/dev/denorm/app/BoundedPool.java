package dev.denorm.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of daemon threads and a bounded queue in front of them: a task that finds every
 * thread busy and the queue full is refused (so the caller can answer 429), never queued without end.
 */
final class BoundedPool implements AutoCloseable {

  private final ThreadPoolExecutor executor;

  BoundedPool(String name, int threads, int queued) {
    executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queued), r -> {
      var thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs {@code task} on a thread of the pool, now or once one is free; false when the queue is full or the pool closed. */
  boolean offer(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  boolean closed() {
    return executor.isShutdown();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
