package dev.denorm.tools.bench;

import java.io.IOException;

/**
 * What the bench's phases read of the app while it runs: one child JVM ({@link AppProcess}) or
 * the {@code --instances} together ({@link AppInstances}).
 */
interface AppCpu {

  /** User plus system CPU seconds so far (of every instance together). */
  double cpuSeconds() throws IOException;

  /** Whether it runs (every instance). */
  boolean alive();

  /** The name of a figure that sums the instances: as given for one, saying so for several. */
  default String summed(String figure) {
    return figure;
  }
}
