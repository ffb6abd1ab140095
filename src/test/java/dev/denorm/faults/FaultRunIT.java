package dev.denorm.faults;

import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fault run of the suite: one cycle of every fault (instances killed with and without
 * their state, the engine frozen and killed, the broker, Connect and PostgreSQL restarted, an
 * instance joining and another leaving, a malformed change event, a document the engine rejects)
 * under a steady load, and nothing lost, extra or stale afterwards.
 */
// beside the other ITs (junit-platform parallelism, see the pom): its parts and instances are processes
// of their own, and most of its time is the schedule's pacing and waits for them
@org.junit.jupiter.api.parallel.Execution(ExecutionMode.CONCURRENT)
class FaultRunIT {

  @TempDir Path out;

  @Test
  void shouldLoseNothingThroughOneCycleOfEveryFaultUnderLoad() throws Exception {
    // one kill before each other fault (the long run has two), so that the cycle fits the suite
    var options = new FaultRun.Options(0.03, 0, 2, "at_least_once", 30, 2, 6, out).withKillsBefore(1);
    var run = new FaultRun(options, System.out);
    var result = run.run();
    String table = Files.readString(out.resolve("faults.md"));

    for (var fault : FaultRun.Fault.values()) {
      assertThat(result.faults()).as("injected").containsKey(fault.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    assertThat((Long) result.figures().get("changes committed")).isPositive();
    assertThat((Integer) result.figures().get("documents compared")).isPositive();
    assertThat(result.figures()).containsEntry("missing", 0).containsEntry("extra", 0).containsEntry("different", 0);
    assertThat(result.lostNothing()).as(table).isTrue();
    // the malformed change event, and the documents the engine rejected while the address was poisoned
    assertThat((Long) result.figures().get("dead letters")).isGreaterThanOrEqualTo(2);
    assertThat(table).contains("| missing | 0 |");
    assertThat(run.startedPids()).as("processes started").hasSizeGreaterThan(options.instances() + 4);
    assertThat(run.startedPids().stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)))
        .as("every part and instance stopped").isEmpty();
  }
}
