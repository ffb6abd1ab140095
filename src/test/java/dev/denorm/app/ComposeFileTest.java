package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker), so what can go stale in it is checked: every
 * file it mounts or builds from exists, every image is pinned, the denorm instances' environment
 * is a valid configuration with every part's endpoint (their image runs the lean jar), host ports
 * do not clash, and Prometheus scrapes the instances where they serve /metrics.
 */
class ComposeFileTest {

  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws Exception {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static String resolved(Object value) {
    return DEFAULTED.matcher(String.valueOf(value)).replaceAll("$1");
  }

  @Test
  void shouldReferOnlyToFilesThatExistAndToPinnedImages() throws Exception {
    for (var service : services().entrySet()) {
      var s = service.getValue();
      Object build = s.get("build");
      if (build instanceof Map<?, ?> b) {
        assertThat(Path.of(String.valueOf(b.get("context")))).as(service.getKey() + " build context").isDirectory();
        assertThat(Path.of(String.valueOf(b.get("dockerfile")))).as(service.getKey() + " Dockerfile").isRegularFile();
      } else {
        assertThat(String.valueOf(s.get("image"))).as(service.getKey() + " image").matches("[^:]+:[^:]+")
            .doesNotEndWith(":latest");
      }
      for (Object volume : (List<?>) s.getOrDefault("volumes", List.of())) {
        String source = String.valueOf(volume).split(":")[0];
        if (source.startsWith("./")) {
          assertThat(Files.exists(Path.of(source))).as(service.getKey() + " mounts " + source).isTrue();
        }
      }
    }
  }

  @Test
  void shouldMountTheConnectorFileThatConnectInitRegisters() throws Exception {
    var init = services().get("connect-init");
    var env = (Map<?, ?>) init.get("environment");
    String file = resolved(env.get("CONNECTOR_FILE"));
    String mounted = null;
    for (Object volume : (List<?>) init.get("volumes")) {
      String[] parts = String.valueOf(volume).split(":");
      if (file.startsWith(parts[1] + "/")) {
        mounted = parts[0] + file.substring(parts[1].length());
      }
    }
    assertThat(mounted).as("a volume holds " + file).isNotNull();
    assertThat(Path.of(mounted)).isRegularFile();
  }

  @Test
  void shouldGiveEachDenormInstanceAValidConfigurationAndScrapeItsMetrics() throws Exception {
    var scraped = new HashSet<String>();
    Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("src/compose/prometheus.yml")));
    for (Object job : (List<?>) prometheus.get("scrape_configs")) {
      for (Object config : (List<?>) ((Map<?, ?>) job).get("static_configs")) {
        for (Object target : (List<?>) ((Map<?, ?>) config).get("targets")) {
          scraped.add(String.valueOf(target));
        }
      }
    }
    int instances = 0;
    for (var service : services().entrySet()) {
      var command = (List<?>) service.getValue().getOrDefault("command", List.of());
      if (command.isEmpty() || !"run".equals(String.valueOf(command.get(0)))) {
        continue;
      }
      instances++;
      var env = new HashMap<String, String>();
      ((Map<?, ?>) service.getValue().get("environment")).forEach((k, v) -> env.put(String.valueOf(k), resolved(v)));
      // throws, naming the key, if a value is not a valid configuration
      var config = ConfigLoader.load(Optional.empty(), env, Map.of());
      // the image runs the lean jar, which has no embedded stack to start a part without an endpoint
      assertThat(config.partsWithoutEndpoint()).as(service.getKey() + " parts without an endpoint").isEmpty();
      assertThat(config.http().port()).as(service.getKey() + " serves /metrics").isPositive();
      assertThat(scraped).as("Prometheus scrapes " + service.getKey()).contains(service.getKey() + ":" + config.http().port());
    }
    assertThat(instances).as("denorm instances in the compose file").isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldRunTheLeanJarInTheApplicationImage() throws Exception {
    assertThat(Files.readString(Path.of("src/compose/Dockerfile")))
        .containsPattern("COPY --from=build /src/target/denorm-\\*-app\\.jar /app/denorm\\.jar")
        .doesNotContain("-all.jar");
  }

  @Test
  void shouldPublishEachHostPortOnce() throws Exception {
    var seen = new HashMap<String, String>();
    for (var service : services().entrySet()) {
      for (Object port : (List<?>) service.getValue().getOrDefault("ports", List.of())) {
        String[] parts = String.valueOf(port).split(":");
        String host = parts.length == 3 ? parts[0] + ":" + parts[1] : parts[0];
        assertThat(seen.put(host, service.getKey())).as("host port " + host + " published twice").isNull();
      }
    }
  }
}
