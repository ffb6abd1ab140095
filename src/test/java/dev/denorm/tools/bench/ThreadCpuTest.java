package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTest {

  @TempDir Path tasks;

  @Test
  void shouldAddEachThreadsUserAndSystemTicksToItsKind() throws Exception {
    thread(1, "denorm-b08a0578", 1500, 130);
    thread(2, "denorm-b08a0578", 700, 20);
    thread(3, "C2 CompilerThre", 1200, 10);
    thread(4, "C1 CompilerThre", 100, 0);
    thread(5, "rocksdb:low", 300, 40);
    thread(6, "kafka-producer-", 250, 50);
    thread(7, "GC Thread#0", 80, 0);
    thread(8, "denorm-status", 10, 5);
    thread(9, "java", 160, 20);

    var seconds = ThreadCpu.of(tasks, "denorm");

    assertThat(seconds).containsOnlyKeys(ThreadCpu.KINDS);
    assertThat(seconds.get("Kafka Streams threads")).isCloseTo(23.5, within(1e-9));
    assertThat(seconds.get("JIT compilers")).isCloseTo(13.1, within(1e-9));
    assertThat(seconds.get("RocksDB background")).isCloseTo(3.4, within(1e-9));
    assertThat(seconds.get("producer I/O")).isCloseTo(3.0, within(1e-9));
    assertThat(seconds.get("GC")).isCloseTo(0.8, within(1e-9));
    assertThat(seconds.get("other")).isCloseTo(1.95, within(1e-9));
  }

  @Test
  void shouldNotTakeTheAppsOwnNamedThreadsForKafkaStreams() {
    assertThat(ThreadCpu.kind("denorm-metrics-", "denorm")).isEqualTo("other");
    assertThat(ThreadCpu.kind("denorm-sink-tim", "denorm")).isEqualTo("other");
    assertThat(ThreadCpu.kind("denorm-1f2e3d4c", "denorm")).isEqualTo("Kafka Streams threads");
  }

  /** A task directory as Linux has it: comm, and stat whose 14th and 15th fields are utime and stime. */
  private void thread(int tid, String comm, long utime, long stime) throws Exception {
    var dir = Files.createDirectories(tasks.resolve(Integer.toString(tid)));
    Files.writeString(dir.resolve("comm"), comm + "\n");
    Files.writeString(dir.resolve("stat"), tid + " (" + comm + ") S 1 1 1 0 -1 4194368 100 0 0 0 " + utime + " " + stime
        + " 0 0 20 0 40 0 12345 0 0\n");
  }
}
