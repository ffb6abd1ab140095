package dev.denorm.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fat jar started by a Java older than 21, as a new user's PATH may have it. */
class LauncherIT {

  private static final Path OLD_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

  @Test
  void shouldRunWithAJdk21FoundOnTheMachineWhenStartedByJava17() throws Exception {
    var run = runJar(List.of(), "verify", "--source", "nowhere");
    assertThat(run.err).contains("denorm: this is Java 17; running with ");
    // the app itself ran (on 21+) and answered the usage error as it does: one line, exit 2
    assertThat(run.err).contains("nowhere").doesNotContain("UnsupportedClassVersionError");
    assertThat(run.exit).isEqualTo(2);
  }

  @Test
  void shouldSayWhichJavaIsNeededAndWhereItLookedWhenThereIsNone() throws Exception {
    var run = runJar(List.of("-Ddenorm.java.search=/nonexistent/jvms"), "demo");
    assertThat(run.err).contains("denorm needs Java 21 or newer; this is Java 17 (")
        .contains("Looked for one in: ").contains("/nonexistent/jvms").contains("DENORM_JAVA_HOME")
        .doesNotContain("UnsupportedClassVersionError");
    assertThat(run.exit).isEqualTo(2);
  }

  private record Run(int exit, String err) {}

  private static Run runJar(List<String> jvmOptions, String... args) throws Exception {
    assumeTrue(Files.isExecutable(OLD_JAVA), "no Java 17 at " + OLD_JAVA);
    File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("denorm-") && name.endsWith("-all.jar"));
    assertThat(jars).as("the fat jar (package runs before the ITs)").isNotEmpty();
    var command = new ArrayList<String>(List.of(OLD_JAVA.toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jars[0].getPath()));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("DENORM_JAVA_HOME");
    builder.environment().remove("JAVA_HOME");
    var process = builder.start();
    try {
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
      return new Run(process.exitValue(), err);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
