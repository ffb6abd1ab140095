package dev.denorm.capture;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A single-thread scheduler on a named daemon thread, for the watches that run beside the application. */
final class DaemonTimer {

  private DaemonTimer() {}

  static ScheduledExecutorService named(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      var thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
  }
}
