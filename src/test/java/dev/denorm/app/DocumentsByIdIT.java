package dev.denorm.app;

import dev.denorm.index.Indexes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.denorm.assembly.StoredDocuments;
import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.testing.ShopStack;
import dev.denorm.testing.OracleWait;
import dev.denorm.testkit.TempDirs;
import dev.denorm.verify.DocumentComparator;
import dev.denorm.verify.SearchDocuments;
import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one group, each index assembled in two partitions, so each instance owns some
 * documents, the route enabled and behind a token from a file: without the token (or with a wrong
 * one) each answers 401, and so does an owner asked as if forwarded, so the non-owner's forward
 * carries the token; asked for any document, both instances answer with the same one (the non-owner
 * forwards to the owner), equal to what the engine holds; a document planted straight into the
 * engine shows as a difference; an id that exists nowhere is a 404. When one instance stops, the
 * other answers its documents with 503 and a retry hint until it owns them, then from its own stores.
 */
class DocumentsByIdIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String token = "it-" + UUID.randomUUID();

  /** A document of an index and the instance whose stores hold it. */
  private record Owned(String index, String id, DenormApp owner) {}

  @Test
  void shouldAnswerTheSameDocumentFromBothInstancesEqualToTheEngineShowAPlantedDifferenceA404AndSurviveAStop()
      throws Exception {
    var stateA = TempDirs.create("denorm-documents-a-");
    var stateB = TempDirs.create("denorm-documents-b-");
    var tokenFile = Files.writeString(stateA.resolveSibling(stateA.getFileName() + ".token"), token + "\n");
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0", HttpSettings.HOST, "127.0.0.1",
        HttpSettings.DOCUMENTS_ENABLED, "true", HttpSettings.TOKEN_FILE, tokenFile.toString(),
        TopologySettings.PARTITIONS, "2", "commit.interval.ms", "500"));
    try (var stack = ShopStack.start(config, 20);
        var search = new SearchDocuments(stack.endpoints().searchUrl());
        var engine = RestClient.builder(HttpHost.create(stack.endpoints().searchUrl())).build()) {
      try (var a = DenormApp.start(config, stack.endpoints(), Optional.of(stateA))) {
        var b = DenormApp.start(config, stack.endpoints(), Optional.of(stateB));
        boolean bStopped = false;
        try {
          await("both instances running").atMost(Duration.ofSeconds(90))
              .until(() -> a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);
          OracleWait.until(a, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
          var owned = await("a document owned by each instance").atMost(Duration.ofSeconds(60))
              .until(() -> oneOwnedByEach(config, search, a, b), found -> found.size() == 2);
          for (var doc : owned) {
            assertTheTokenIsRequiredAndCarriedByTheForward(doc, doc.owner() == a ? b : a);
            assertBothAnswerTheEnginesDocument(search, a, b, doc);
          }
          var planted = owned.getFirst();
          assertAPlantedDifferenceShows(search, engine, planted, owned.get(1).owner());
          for (var instance : List.of(a, b)) {
            var missing = get(instance, "orders", "987654");
            assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
            assertThat(DocumentAnswer.JSON.readTree(missing.body()).get("error").asText())
                .contains("no document 987654 in index orders");
            assertThat(get(instance, "nosuch", "1").statusCode()).isEqualTo(404);
            assertThat(get(instance, "orders", "x").statusCode()).isEqualTo(400);
          }

          var ofB = owned.stream().filter(d -> d.owner() == b).findFirst().orElseThrow();
          b.close();
          bStopped = true;
          var taken = assertTakenOverWithOnly503sMeanwhile(a, ofB);
          assertThat(taken.get("equal").asBoolean()).as(taken.toString()).isEqualTo(!ofB.equals(planted));
        } finally {
          if (!bStopped) {
            b.close();
          }
        }
      }
    } finally {
      TempDirs.delete(stateA);
      TempDirs.delete(stateB);
      Files.deleteIfExists(tokenFile);
    }
  }

  /**
   * Without the token, or with a wrong one, both instances answer 401 and show no token; the owner
   * does so even to a request marked as forwarded, so the other's 200 for the document (owner: the
   * owner) means its forward carried the token.
   */
  private void assertTheTokenIsRequiredAndCarriedByTheForward(Owned doc, DenormApp other) throws Exception {
    for (var instance : List.of(doc.owner(), other)) {
      for (String authorization : new String[] {null, "Bearer wrong-" + token}) {
        var refused = get(instance, doc.index(), doc.id(), authorization, Map.of());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(refused.body()).doesNotContain(token);
      }
    }
    var unsignedForward = get(doc.owner(), doc.index(), doc.id(), null,
        Map.of(DocumentsRoute.FORWARDED_BY, "127.0.0.1:" + other.httpPort().orElseThrow()));
    assertThat(unsignedForward.statusCode()).as("the owner asked as if forwarded, without the token").isEqualTo(401);

    var forwarded = get(other, doc.index(), doc.id());
    assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
    assertThat(DocumentAnswer.JSON.readTree(forwarded.body()).get("owner").asText())
        .as("answered by the owner, through the forward").isEqualTo("127.0.0.1:" + doc.owner().httpPort().orElseThrow());
  }

  /** The owner's answer and the forwarded one are the same, and both sides equal what the engine holds. */
  private void assertBothAnswerTheEnginesDocument(SearchDocuments search, DenormApp a, DenormApp b, Owned doc) throws Exception {
    var held = search.documents(doc.index(), List.of(doc.id())).get(doc.id());
    long start = System.nanoTime();
    var fromA = get(a, doc.index(), doc.id());
    long middle = System.nanoTime();
    var fromB = get(b, doc.index(), doc.id());
    System.out.printf("GET /documents/%s/%s owned by %s: from a %.1f ms, from b %.1f ms: %s%n", doc.index(), doc.id(),
        doc.owner() == a ? "a" : "b", (middle - start) / 1e6, (System.nanoTime() - middle) / 1e6, fromB.body());
    assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
    assertThat(fromB.statusCode()).as(fromB.body()).isEqualTo(200);
    var answerA = DocumentAnswer.JSON.readTree(fromA.body());
    assertThat(answerA).as("the owner's answer and the forwarded one").isEqualTo(DocumentAnswer.JSON.readTree(fromB.body()));
    assertThat(answerA.get("owner").asText()).isEqualTo("127.0.0.1:" + doc.owner().httpPort().orElseThrow());
    assertThat(answerA.get("index").asText()).isEqualTo(doc.index());
    assertThat(answerA.get("id").asText()).isEqualTo(doc.id());
    assertThat(answerA.get("equal").asBoolean()).as(fromA.body()).isTrue();
    assertThat(DocumentComparator.differences(held, answerA.get("engine"))).as("the engine's document").isEmpty();
    assertThat(DocumentComparator.differences(held, answerA.get("pipeline"))).as("the pipeline's document").isEmpty();
  }

  /** A field changed straight in the engine, with a version above any the sink writes, asked of the non-owner. */
  private void assertAPlantedDifferenceShows(SearchDocuments search, RestClient engine, Owned doc, DenormApp asked)
      throws Exception {
    var document = (ObjectNode) search.documents(doc.index(), List.of(doc.id())).get(doc.id()).deepCopy();
    String field = switch (doc.index()) {
      case "customers" -> "email";
      case "orders" -> "status";
      default -> "name";
    };
    document.put(field, "planted");
    var put = new Request("PUT", "/" + doc.index() + "/_doc/" + doc.id());
    put.addParameter("version", Long.toString(1L << 60));
    put.addParameter("version_type", "external");
    put.setJsonEntity(document.toString());
    engine.performRequest(put);

    var differs = DocumentAnswer.JSON.readTree(get(asked, doc.index(), doc.id()).body());
    assertThat(differs.get("equal").asBoolean()).as(differs.toString()).isFalse();
    assertThat(differs.get("engine").get(field).asText()).isEqualTo("planted");
    assertThat(differs.get("pipeline").get(field).asText()).isNotEqualTo("planted");
    assertThat(differs.get("differences")).extracting(JsonNode::asText).singleElement().asString()
        .startsWith("$." + field + ":");
  }

  /** Until {@code a} owns the stopped instance's document, it answers 503 with a retry hint; then the document itself. */
  private JsonNode assertTakenOverWithOnly503sMeanwhile(DenormApp a, Owned doc) throws Exception {
    var seen = new TreeSet<Integer>();
    String self = "127.0.0.1:" + a.httpPort().orElseThrow();
    var taken = await("a answers for the stopped instance's document").atMost(Duration.ofSeconds(60)).until(() -> {
      var response = get(a, doc.index(), doc.id());
      seen.add(response.statusCode());
      if (response.statusCode() == 503) {
        assertThat(response.headers().firstValue("Retry-After")).as(response.body()).isPresent();
      }
      return response;
    }, r -> r.statusCode() == 200 && r.body().contains("\"owner\":\"" + self + "\""));
    System.out.println("statuses while a took the stopped instance's tasks over: " + seen);
    assertThat(seen).as("statuses while a took the stopped instance's tasks over").isSubsetOf(200, 503);
    var answer = DocumentAnswer.JSON.readTree(taken.body());
    assertThat(answer.get("owner").asText()).isEqualTo(self);
    return answer;
  }

  /** The first document (by index, then id) whose owner is a, and the first whose owner is b, as far as found. */
  private static List<Owned> oneOwnedByEach(AppConfig config, SearchDocuments search, DenormApp a, DenormApp b)
      throws Exception {
    var byInstance = new HashMap<DenormApp, Owned>();
    for (var index : Indexes.of(config).all()) {
      for (String id : search.documents(index.name()).keySet()) {
        KeyQueryMetadata owner = StoredDocuments.owner(a.streams(), index, index.plan().root().table().parseKey(id));
        for (var instance : List.of(a, b)) {
          if (owner.activeHost().port() == instance.httpPort().orElseThrow()) {
            byInstance.putIfAbsent(instance, new Owned(index.name(), id, instance));
          }
        }
      }
    }
    return byInstance.values().stream().toList();
  }

  private HttpResponse<String> get(DenormApp instance, String index, String id) throws Exception {
    return get(instance, index, id, "Bearer " + token, Map.of());
  }

  private HttpResponse<String> get(DenormApp instance, String index, String id, String authorization,
      Map<String, String> headers) throws Exception {
    var uri = URI.create("http://127.0.0.1:" + instance.httpPort().orElseThrow() + "/documents/" + index + "/" + id);
    var request = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
