package dev.denorm.tools.bench;

import dev.denorm.tools.stack.ConnectorConfig;
import dev.denorm.capture.ConnectorRegistration;
import dev.denorm.config.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Debezium's snapshot alone: a second connector (own name, slot, publication and topic prefix,
 * from the recommended connector file) snapshots the shop into change topics nobody reads; timed
 * from registration until the topics hold every row. Afterwards the connector, its slot, its
 * publication and its topics are deleted.
 */
final class CaptureCeiling {

  static final String NAME = "ceiling-shop";
  static final String PREFIX = "ceiling";
  private static final String SLOT = "ceiling_shop";
  private static final List<String> TABLES = List.of("customers", "addresses", "products", "orders", "order_lines");

  private final Endpoints endpoints;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CaptureCeiling(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** Seconds from registration until the change topics hold {@code rows} records. */
  double run(long rows, Duration bound) throws Exception {
    var topics = TABLES.stream().map(t -> PREFIX + ".shop." + t).toList();
    var config = ConnectorConfig.forDatabase(endpoints.jdbcUrl(), endpoints.postgresUser(),
        endpoints.postgresPassword().value(), PREFIX);
    config.put("slot.name", SLOT).put("publication.name", SLOT);
    try (var offsets = new Offsets(endpoints.bootstrapServers())) {
      long start = System.nanoTime();
      try {
        new ConnectorRegistration(endpoints.connectUrl()).register(NAME, config, Duration.ofSeconds(60));
        long deadline = start + bound.toNanos();
        long captured;
        while ((captured = offsets.endOffsets(topics)) < rows) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("only " + captured + " of " + rows + " rows captured within " + bound);
          }
          Thread.sleep(100); // polling interval of a bounded wait
        }
        return (System.nanoTime() - start) / 1e9;
      } finally {
        cleanUp(offsets, topics);
      }
    }
  }

  private void cleanUp(Offsets offsets, List<String> topics) throws Exception {
    var base = endpoints.connectUrl().replaceAll("/$", "") + "/connectors/" + NAME;
    http.send(HttpRequest.newBuilder(URI.create(base)).DELETE().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.discarding());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (var c = endpoints.connect()) {
      // the slot can be dropped only once the stopped connector released it
      while (true) {
        try (var rs = c.createStatement().executeQuery(
            "SELECT active FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'")) {
          if (!rs.next()) {
            break;
          }
          if (!rs.getBoolean(1)) {
            c.createStatement().execute("SELECT pg_drop_replication_slot('" + SLOT + "')");
            break;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("replication slot " + SLOT + " still active 60 s after deleting the connector");
        }
        Thread.sleep(100); // polling interval of a bounded wait
      }
      c.createStatement().execute("DROP PUBLICATION IF EXISTS " + SLOT);
    }
    var existing = offsets.admin().listTopics().names().get();
    var ours = existing.stream().filter(t -> topics.contains(t) || t.endsWith("heartbeat." + PREFIX)).toList();
    offsets.admin().deleteTopics(ours).all().get();
  }
}
