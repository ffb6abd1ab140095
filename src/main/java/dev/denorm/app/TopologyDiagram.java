package dev.denorm.app;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Renders {@link TopologyDescription} as a Mermaid flowchart (GitHub renders it): one box per
 * sub-topology, topics as parallelograms, processors as boxes, state stores as cylinders.
 */
public final class TopologyDiagram {

  private TopologyDiagram() {}

  public static String mermaid(TopologyDescription description) {
    var out = new StringBuilder("flowchart TD\n");
    Set<String> topics = new LinkedHashSet<>();
    Set<String> stores = new LinkedHashSet<>();
    StringBuilder edges = new StringBuilder();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      out.append("  subgraph sub").append(sub.id()).append("[\"sub-topology ").append(sub.id()).append("\"]\n");
      for (TopologyDescription.Node node : sub.nodes()) {
        out.append("    ").append(id("n", node.name())).append("[\"").append(node.name()).append("\"]\n");
        for (TopologyDescription.Node next : node.successors()) {
          edges.append("  ").append(id("n", node.name())).append(" --> ").append(id("n", next.name())).append('\n');
        }
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          for (String topic : source.topicSet()) {
            topics.add(topic);
            edges.append("  ").append(id("t", topic)).append(" --> ").append(id("n", node.name())).append('\n');
          }
        }
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          topics.add(sink.topic());
          edges.append("  ").append(id("n", node.name())).append(" --> ").append(id("t", sink.topic())).append('\n');
        }
        if (node instanceof TopologyDescription.Processor processor) {
          for (String store : processor.stores()) {
            stores.add(store);
            edges.append("  ").append(id("n", node.name())).append(" -.- ").append(id("s", store)).append('\n');
          }
        }
      }
      out.append("  end\n");
    }
    topics.forEach(t -> out.append("  ").append(id("t", t)).append(">\"").append(t).append("\"]\n"));
    stores.forEach(s -> out.append("  ").append(id("s", s)).append("[(\"").append(s).append("\")]\n"));
    return out.append(edges).toString();
  }

  private static String id(String kind, String name) {
    return kind + "_" + name.replaceAll("[^A-Za-z0-9]", "_");
  }
}
