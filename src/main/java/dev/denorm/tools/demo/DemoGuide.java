package dev.denorm.tools.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.Endpoints;
import dev.denorm.config.SinkSettings;
import dev.denorm.sink.engine.EngineClients;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.elasticsearch.client.Request;

/** What the demo prints once the snapshot is indexed: sample documents and how to play with them. */
public final class DemoGuide {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Endpoints endpoints;
  private final SinkSettings sink;
  private final PrintStream out;

  /** @param sink the sink's settings: the engine is reached with its TLS settings and credentials */
  public DemoGuide(Endpoints endpoints, SinkSettings sink, PrintStream out) {
    this.endpoints = endpoints;
    this.sink = sink;
    this.out = out;
  }

  public void print() throws IOException {
    var url = endpoints.searchUrl();
    try (var client = EngineClients.restClient(sink, List.of(url))) {
      for (var doc : new String[] {"products/_doc/1", "customers/_doc/1", "orders/_doc/1"}) {
        var response = client.performRequest(new Request("GET", "/" + doc));
        var source = JSON.readTree(response.getEntity().getContent()).path("_source");
        out.println();
        out.println("GET /" + doc);
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(source));
      }
    }
    out.println();
    out.println("Query the documents:");
    out.println("  curl -s '" + url + "/orders/_search?q=status:PAID&size=3&pretty'");
    out.println("  curl -s '" + url + "/products/_doc/1?pretty'");
    out.println("  curl -s '" + url + "/customers/_count?pretty'");
    out.println("Change rows and watch the documents follow (how fast: docs/performance.md):");
    out.println("  " + endpoints.psql());
    out.println("    UPDATE shop.products SET name = 'Renamed lamp' WHERE id = 1;   -- every order with product 1 changes");
    out.println("    UPDATE shop.orders SET customer_id = 2 WHERE id = 1;           -- order 1 and both customers change");
    out.println("    DELETE FROM shop.order_lines WHERE order_id = 1;               -- order 1 loses its lines, total 0");
    out.println("denorm demo is running. Press Ctrl-C to stop everything.");
    out.flush();
  }
}
