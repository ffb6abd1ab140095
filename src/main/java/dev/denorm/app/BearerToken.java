package dev.denorm.app;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.apache.kafka.common.config.types.Password;

/**
 * The check of {@code denorm.http.token} on a route: a request passes with
 * {@code Authorization: Bearer <token>}, anything else gets 401 with {@code WWW-Authenticate: Bearer}
 * and a reason that never shows a token. The comparison is of the SHA-256 of both sides with
 * {@link MessageDigest#isEqual}, so its time depends on neither the token's length nor on how much of
 * it a guess got right.
 */
final class BearerToken extends Filter {

  static final String AUTHORIZATION = "Authorization";
  private static final String SCHEME = "bearer ";

  private final Password token;
  private final byte[] digest;

  BearerToken(Password token) {
    this.token = token;
    this.digest = sha256(token.value());
  }

  /** The header value that passes this check: what forwards between instances send. */
  String authorization() {
    return "Bearer " + token.value();
  }

  /** Whether an {@code Authorization} header value (null when there is none) carries the token. */
  boolean accepts(String authorization) {
    String presented = presented(authorization);
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** The token in a Bearer header (the scheme's case does not matter), or null. */
  private static String presented(String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return null;
    }
    return authorization.substring(SCHEME.length()).strip();
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst(AUTHORIZATION);
    if (accepts(authorization)) {
      chain.doFilter(exchange);
      return;
    }
    boolean given = presented(authorization) != null;
    // RFC 6750: no error code when no token came, invalid_token when a wrong one did
    exchange.getResponseHeaders().set("WWW-Authenticate",
        given ? "Bearer realm=\"denorm\", error=\"invalid_token\"" : "Bearer realm=\"denorm\"");
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    var body = DocumentAnswer.JSON.writeValueAsBytes(DocumentAnswer.JSON.createObjectNode().put("error", given
        ? "the bearer token is not this instance's (denorm.http.token.file or denorm.http.token)"
        : "this route requires the instance's token: send Authorization: Bearer <token> (the content of the file"
            + " denorm.http.token.file names)"));
    try (exchange) {
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public String description() {
    return "requires Authorization: Bearer <denorm.http.token>";
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[hidden]";
  }
}
