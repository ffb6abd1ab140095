package dev.denorm.app;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A request passed on to the instance that owns the document (or runs the sink, for /wait), once: with the header that
 * stops the owner from forwarding again, the instance's bearer token when it has one, and a cap
 * on the answer it brings back ({@code denorm.http.max.relayed.bytes}).
 */
final class OwnerForward implements AutoCloseable {

  /** What came of asking the owner. */
  sealed interface Outcome permits Relayed, TooLarge, Refused, NoAnswer {}

  /** The owner's answer, to pass on as it is. */
  record Relayed(int status, Optional<String> retryAfter, byte[] body) implements Outcome {}

  /** The owner's answer is longer than the cap. */
  record TooLarge(int maxBytes) implements Outcome {}

  /** The owner answered 401: it requires a token this instance does not have. */
  record Refused() implements Outcome {}

  /** The owner did not answer (down, moving, or not reachable at its advertised address). */
  record NoAnswer(String why) implements Outcome {}

  private final Optional<String> authorization;
  private final int maxBytes;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  OwnerForward(Optional<Password> token, int maxBytes) {
    this.authorization = token.map(t -> new BearerToken(t).authorization());
    this.maxBytes = maxBytes;
  }

  Outcome ask(HostInfo owner, HostInfo self, String index, String id) {
    return ask(owner, self, DocumentsRoute.PATH + index + "/"
        + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"), Duration.ofSeconds(15));
  }

  /** Any route's request ({@code pathAndQuery}, already encoded) passed on the same way, answered within {@code timeout}. */
  Outcome ask(HostInfo owner, HostInfo self, String pathAndQuery, Duration timeout) {
    var request = HttpRequest.newBuilder(URI.create("http://" + DocumentsRoute.address(owner) + pathAndQuery))
        .header(DocumentsRoute.FORWARDED_BY, DocumentsRoute.address(self))
        .timeout(timeout)
        .GET();
    authorization.ifPresent(value -> request.header(BearerToken.AUTHORIZATION, value));
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (var in = response.body()) {
        if (response.statusCode() == 401) {
          return new Refused();
        }
        if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes) {
          return new TooLarge(maxBytes);
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
          return new TooLarge(maxBytes);
        }
        return new Relayed(response.statusCode(), response.headers().firstValue("Retry-After"), body);
      }
    } catch (IOException e) {
      return new NoAnswer(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NoAnswer("interrupted while asking");
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
