package dev.denorm.tools.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Peak heap used by the app child: one {@code jstat -gc <pid> 1000} process (a line per second)
 * of the same JDK; used = S0U + S1U + EU + OU. Restarted if it exits early (the child's perf data
 * may not exist yet right after its start).
 */
final class HeapSampler implements AutoCloseable {

  private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");
  private final long pid;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Process jstat;
  private volatile double peakKb = -1;
  private volatile int samples;

  HeapSampler(long pid) {
    this.pid = pid;
    this.thread = Thread.ofPlatform().daemon().name("bench-jstat").start(this::run);
  }

  private void run() {
    while (!stopped) {
      try {
        jstat = new ProcessBuilder(AppProcess.javaBin().resolve("jstat").toString(), "-gc", Long.toString(pid), "1000")
            .redirectErrorStream(true).start();
        try (var in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
          List<String> header = null;
          for (String line; (line = in.readLine()) != null; ) {
            var cells = Arrays.asList(line.trim().split("\\s+"));
            if (cells.contains("EU")) {
              header = cells;
            } else if (header != null && cells.size() == header.size()) {
              double used = 0;
              for (var column : USED) {
                used += Double.parseDouble(cells.get(header.indexOf(column)));
              }
              peakKb = Math.max(peakKb, used);
              samples++;
            }
          }
        }
        jstat.waitFor();
        if (!stopped) {
          Thread.sleep(1000); // retry interval while the child's perf data is not there yet
        }
      } catch (Exception e) {
        if (stopped) {
          return;
        }
      }
    }
  }

  /** Peak heap used in MiB, or -1 without a sample. */
  double peakMb() {
    return peakKb < 0 ? -1 : peakKb / 1024;
  }

  int samples() {
    return samples;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    var p = jstat;
    if (p != null) {
      p.destroy();
    }
    thread.join(5000);
  }
}
