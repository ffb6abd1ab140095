package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.denorm.testing.FreePorts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A document request passed on to a stand-in for the owner: the headers it carries, what comes back, the cap. */
class OwnerForwardTest {

  private static final String TOKEN = "forward-test-token-42";
  private static final HostInfo SELF = new HostInfo("127.0.0.1", 4711);

  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> forwardedBy = new AtomicReference<>();
  private final AtomicReference<String> path = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  /** The owner's body; sent chunked (no length announced) when {@link #chunked}. */
  private final AtomicReference<byte[]> body = new AtomicReference<>("{\"id\":\"5\"}".getBytes(StandardCharsets.UTF_8));
  private volatile boolean chunked;
  private HttpServer owner;

  @BeforeEach
  void startOwner() throws Exception {
    owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    owner.createContext(DocumentsRoute.PATH, exchange -> {
      try (exchange) {
        authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        forwardedBy.set(exchange.getRequestHeaders().getFirst(DocumentsRoute.FORWARDED_BY));
        path.set(exchange.getRequestURI().getPath());
        if (status.get() == 503) {
          exchange.getResponseHeaders().set("Retry-After", "2");
        }
        exchange.sendResponseHeaders(status.get(), chunked ? 0 : body.get().length);
        exchange.getResponseBody().write(body.get());
      }
    });
    owner.start();
  }

  @AfterEach
  void stopOwner() {
    owner.stop(0);
  }

  private HostInfo ownerHost() {
    return new HostInfo("127.0.0.1", owner.getAddress().getPort());
  }

  private OwnerForward.Outcome ask(Optional<Password> token, int maxBytes) {
    try (var forward = new OwnerForward(token, maxBytes)) {
      return forward.ask(ownerHost(), SELF, "orders", "5");
    }
  }

  @Test
  void shouldCarryTheBearerTokenAndTheForwardedHeaderToTheOwner() {
    var outcome = ask(Optional.of(new Password(TOKEN)), 1024);

    assertThat(authorization.get()).isEqualTo("Bearer " + TOKEN);
    assertThat(forwardedBy.get()).isEqualTo("127.0.0.1:4711");
    assertThat(path.get()).isEqualTo("/documents/orders/5");
    assertThat(outcome).isInstanceOfSatisfying(OwnerForward.Relayed.class, relayed -> {
      assertThat(relayed.status()).isEqualTo(200);
      assertThat(new String(relayed.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"5\"}");
    });
  }

  @Test
  void shouldSendNoAuthorizationWhenThereIsNoToken() {
    ask(Optional.empty(), 1024);

    assertThat(forwardedBy.get()).isNotNull();
    assertThat(authorization.get()).isNull();
  }

  @Test
  void shouldRelayTheOwnersStatusAndRetryHint() {
    status.set(503);

    assertThat(ask(Optional.empty(), 1024)).isInstanceOfSatisfying(OwnerForward.Relayed.class, relayed -> {
      assertThat(relayed.status()).isEqualTo(503);
      assertThat(relayed.retryAfter()).hasValue("2");
    });
  }

  @Test
  void shouldReportTooLargeWhenTheOwnersAnswerExceedsTheCapWithOrWithoutALength() {
    body.set(new byte[2049]);
    assertThat(ask(Optional.empty(), 2048)).isEqualTo(new OwnerForward.TooLarge(2048));
    chunked = true;
    assertThat(ask(Optional.empty(), 2048)).isEqualTo(new OwnerForward.TooLarge(2048));

    body.set(new byte[2048]);
    assertThat(ask(Optional.empty(), 2048)).as("exactly the cap").isInstanceOf(OwnerForward.Relayed.class);
  }

  @Test
  void shouldReportRefusedWhenTheOwnerDoesNotTakeTheToken() {
    status.set(401);

    assertThat(ask(Optional.of(new Password("another-instances-token")), 1024)).isInstanceOf(OwnerForward.Refused.class);
  }

  @Test
  void shouldReportNoAnswerWhenNothingListensAtTheOwnersAddress() {
    try (var forward = new OwnerForward(Optional.empty(), 1024)) {
      var outcome = forward.ask(new HostInfo("127.0.0.1", FreePorts.next()), SELF, "orders", "5");

      assertThat(outcome).isInstanceOfSatisfying(OwnerForward.NoAnswer.class, none -> assertThat(none.why()).contains("Connect"));
    }
  }
}
