package dev.denorm.app;
import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
class DescribeProbeTest {
  @Test void probe() {
    var config = AppConfig.from(Map.of());
    var topology = SyncTopology.build(config.topology(), Indexes.all());
    System.out.println(topology.describe());
    try (var d = new TopologyTestDriver(topology, config.streamsProperties())) { System.out.println("OK driver"); }
  }
}
