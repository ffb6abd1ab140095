package dev.denorm.esnode;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Runs one real Elasticsearch node for tests, in its own JVM with the server jars on the module
 * path. Argument: the node's home (with config/ and modules/). The HTTP port is written to
 * home/logs/http.ports. Stops on SIGTERM. Internal server classes: pinned to 9.5.3.
 */
public final class EsNodeLauncher {

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    LogConfigurator.configureESLogging();
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.name", args.length > 1 ? args[1] : "denorm-it")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", "0")
        .put("transport.port", "0")
        .put("node.portsfile", true)
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.destructive_requires_name", false)
        .put("action.auto_create_index", false)
        .build();
    Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"),
        () -> "denorm-it-node");
    LogConfigurator.configure(env, true);
    PluginsLoader loader = PluginsLoader.createPluginsLoader(
        PluginsLoader.loadModulesBundles(env.modulesDir(), false), Set.of(), Map.of());
    Node node = new Node(env, loader);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
        node.awaitClose(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        stopped.countDown();
      }
    }));
    node.start();
    stopped.await();
  }
}
