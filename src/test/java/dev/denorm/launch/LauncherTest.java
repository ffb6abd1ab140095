package dev.denorm.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

  @TempDir Path dir;

  @Test
  void shouldReadTheFeatureVersionOfEveryVersionStringForm() {
    assertThat(Launcher.feature("17")).isEqualTo(17);
    assertThat(Launcher.feature("21.0.2")).isEqualTo(21);
    assertThat(Launcher.feature("25-ea")).isEqualTo(25);
    assertThat(Launcher.feature("1.8.0_392")).isEqualTo(8);
    assertThat(Launcher.feature("x")).isZero();
  }

  @Test
  void shouldReadAJdksVersionFromItsReleaseFile() throws Exception {
    Path release = dir.resolve("release");
    Files.writeString(release, "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");
    assertThat(Launcher.releaseFeature(release.toFile())).isEqualTo(25);
    assertThat(Launcher.releaseFeature(dir.resolve("missing").toFile())).isZero();
  }
}
