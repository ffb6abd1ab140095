package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuSplitTest {

  @TempDir Path dir;

  @Test
  void shouldCountUserNiceSystemAndInterruptsAsBusyButNotIdleIowaitOrSteal() throws Exception {
    // user nice system idle iowait irq softirq steal guest guest_nice
    var reading = CpuSplit.read(stat("cpu  1000 20 300 5000 70 4 6 50 0 0"), 2.5);

    assertThat(reading.busy()).isCloseTo(13.3, within(1e-9));
    assertThat(reading.steal()).isCloseTo(0.5, within(1e-9));
    assertThat(reading.app()).isEqualTo(2.5);
  }

  @Test
  void shouldSplitTheCoresBetweenTheAppAndTheRestAndProjectTheRateTheAppAloneCouldCarry() {
    // 10 s of wall time: the app used 4 s of CPU, the machine 16 s (so the rest 12 s), 2 s stolen
    var split = CpuSplit.between(new CpuSplit.Reading(1, 100, 10, 0),
        new CpuSplit.Reading(5, 116, 12, 10_000_000_000L));

    assertThat(split.appCores()).isCloseTo(0.4, within(1e-9));
    assertThat(split.restCores()).isCloseTo(1.2, within(1e-9));
    assertThat(split.stealCores()).isCloseTo(0.2, within(1e-9));
    assertThat(split.busyCores()).isCloseTo(1.6, within(1e-9));
    // 10 000 changes: 0.4 ms of the app's CPU each
    assertThat(split.projectedAppRate(2, 10_000)).isCloseTo(5000, within(1e-6));
  }

  @Test
  void shouldProjectNothingWhenNoChangeWasCommitted() {
    var split = CpuSplit.between(new CpuSplit.Reading(1, 100, 0, 0), new CpuSplit.Reading(2, 104, 0, 2_000_000_000L));

    assertThat(split.projectedAppRate(2, 0)).isZero();
  }

  private Path stat(String cpuLine) throws Exception {
    return Files.writeString(dir.resolve("stat"), cpuLine + "\ncpu0 500 10 150 2500 35 2 3 25 0 0\nintr 1\n");
  }
}
