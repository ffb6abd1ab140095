package dev.denorm.app;

import dev.denorm.assembly.plans.CustomerTreeIndex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.AppConfig;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * Golden test: topology-docs/ holds each index's describe() text and Mermaid diagram. A topology
 * change fails here until the docs are regenerated, so every change is a visible diff:
 * {@code mvn test -Dtest=TopologyDocsTest -Ddenorm.updateDocs=true}.
 */
class TopologyDocsTest {

  private static final Path DOCS = Path.of("topology-docs");
  private static final String BEGIN = "<!-- generated: do not edit; TopologyDocsTest writes it -->";
  private static final String END = "<!-- end of generated -->";
  private static final boolean UPDATE = Boolean.getBoolean("denorm.updateDocs");

  private final AppConfig config = AppConfig.from(Map.of());

  @Test
  void shouldMatchEveryIndexTopologyPinnedInTopologyDocs() throws IOException {
    for (DocumentIndex<?> index : Indexes.of(config).all()) {
      check(index.name(), DenormTopology.build(config, Indexes.of(index)));
    }
  }

  @Test
  void shouldMatchTheWholeApplicationTopologyPinnedInTopologyDocs() throws IOException {
    check("application", DenormTopology.build(config, Indexes.of(config), () -> {
      throw new AssertionError("describe() must not connect to a search engine");
    }));
  }

  @Test
  void shouldMatchTheRelationTreeExampleTopologyPinnedInTopologyDocs() throws IOException {
    check("relation-trees", DenormTopology.build(config, Indexes.of(new CustomerTreeIndex())));
  }

  private void check(String name, Topology topology) throws IOException {
    String describe = topology.describe().toString();
    String block = BEGIN + "\n```mermaid\n" + TopologyDiagram.mermaid(topology.describe()) + "```\n\n"
        + "<details><summary>describe()</summary>\n\n```\n" + describe + "```\n</details>\n" + END;
    Path golden = DOCS.resolve(name + ".describe.txt");
    Path page = DOCS.resolve(name + ".md");
    if (UPDATE) {
      Files.writeString(golden, describe);
      String text = Files.exists(page) ? Files.readString(page) : "# " + name + "\n\n" + BEGIN + "\n" + END + "\n";
      Files.writeString(page, replaceBlock(text, block));
    }
    assertThat(golden).as("run with -Ddenorm.updateDocs=true to regenerate").exists();
    // actual: the topology the code builds now; expected: the pinned golden
    assertThat(describe).as(golden + " is stale: regenerate with -Ddenorm.updateDocs=true")
        .isEqualTo(Files.readString(golden));
    assertThat(Files.readString(page)).as(page + " diagram is stale: regenerate with -Ddenorm.updateDocs=true").contains(block);
  }

  private static String replaceBlock(String text, String block) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < 0) {
      return text + "\n" + block + "\n";
    }
    return text.substring(0, begin) + block + text.substring(end + END.length());
  }
}
