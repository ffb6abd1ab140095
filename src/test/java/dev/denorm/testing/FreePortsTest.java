package dev.denorm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void shouldKeepPortsBelowTheEphemeralRangeFreeAndNeverTheSameTwice() throws Exception {
    int first = FreePorts.kept();
    int second = FreePorts.kept();

    assertThat(first).isNotEqualTo(second).isBetween(10_000, FreePorts.ephemeralLow() - 1);
    assertThat(second).isBetween(10_000, FreePorts.ephemeralLow() - 1);
    try (var listening = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
      assertThat(listening.getLocalPort()).isEqualTo(first);
    }
  }
}
