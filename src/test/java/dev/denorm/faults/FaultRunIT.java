package dev.denorm.faults;

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
class FaultRunIT {

  @TempDir Path out;

  @Test
  void shouldLoseNothingThroughOneCycleOfEveryFaultUnderLoad() throws Exception {
    // one kill before each other fault (the long run has two), so that the cycle fits the suite
    var options = new FaultRun.Options(0.03, 0, 2, "at_least_once", 30, 2, 6, out).withKillsBefore(1);
    var result = new FaultRun(options, System.out).run();
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
    assertThat(ProcessHandle.current().descendants().filter(p -> p.isAlive()
        && p.info().commandLine().orElse("").contains("dev.denorm."))).as("every part and instance stopped").isEmpty();
  }
}
