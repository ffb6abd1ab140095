package dev.denorm.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An HTTPS endpoint for tests, in front of a plain engine or answering by itself: TLS with the
 * test's server certificate, optionally requiring a client certificate the test's CA signed, then
 * a check of each request (its Authorization header, its signature, the client certificate's
 * name). A request the check refuses is answered 401 and goes no further; one it accepts is relayed
 * to the engine (or answered), so whatever reached the engine came through the check.
 */
public final class TlsProxy implements AutoCloseable {

  /**
   * A request as it arrived.
   *
   * @param headers the headers by lower-case name
   * @param clientCertificates the client's certificate chain, empty without one
   */
  public record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body,
      List<X509Certificate> clientCertificates) {

    public Optional<String> header(String name) {
      var values = headers.get(name.toLowerCase());
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  /** What a request must bring; empty when it may pass, else the reason it may not. */
  public interface Check {
    Optional<String> problem(Received request);
  }

  /** The answer to a request that passed. */
  public record Answer(int status, String contentType, byte[] body) {

    public static Answer json(String json) {
      return new Answer(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** How a request that passed is answered. */
  public interface Responder {
    Answer answer(Received request) throws IOException, InterruptedException;
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Check check;
  private final Responder responder;
  private final AutoCloseable resources;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private TlsProxy(SSLContext tls, boolean needClientCertificate, Check check, Responder responder,
      AutoCloseable resources) {
    this.check = check;
    this.responder = responder;
    this.resources = resources;
    try {
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        var parameters = tls.getDefaultSSLParameters();
        parameters.setNeedClientAuth(needClientCertificate);
        params.setSSLParameters(parameters);
      }
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Relays what passes {@code check} to the plain engine at {@code targetUrl}. */
  public static TlsProxy relay(String targetUrl, SSLContext tls, boolean needClientCertificate, Check check) {
    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    var target = URI.create(targetUrl);
    return new TlsProxy(tls, needClientCertificate, check, request -> relay(client, target, request), client::close);
  }

  /** Answers what passes {@code check} by itself: a stub of a registry, a Connect worker, an engine. */
  public static TlsProxy answering(SSLContext tls, boolean needClientCertificate, Check check, Responder responder) {
    return new TlsProxy(tls, needClientCertificate, check, responder, () -> { });
  }

  public String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests that passed the check. */
  public int accepted() {
    return accepted.get();
  }

  /** Why each refused request was refused. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Every request that arrived, passed or not. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var headers = new TreeMap<String, List<String>>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
      var request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
          exchange.getRequestBody().readAllBytes(), clientCertificates(exchange));
      received.add(request);
      var problem = check.problem(request);
      Answer answer;
      if (problem.isPresent()) {
        problems.add(request.method() + " " + request.uri() + ": " + problem.get());
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
        answer = new Answer(401, "application/json", ("{\"error\":{\"type\":\"security_exception\",\"reason\":\""
            + problem.get().replace("\"", "'") + "\"},\"status\":401}").getBytes(StandardCharsets.UTF_8));
      } else {
        accepted.incrementAndGet();
        answer = responder.answer(request);
      }
      if (answer.contentType() != null) {
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
      }
      boolean empty = "HEAD".equals(request.method()) || answer.body().length == 0;
      exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
      if (!empty) {
        exchange.getResponseBody().write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<X509Certificate> clientCertificates(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return List.of();
    }
    try {
      return Arrays.stream(https.getSSLSession().getPeerCertificates()).map(c -> (X509Certificate) c).toList();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  private static Answer relay(HttpClient client, URI target, Received request) throws IOException, InterruptedException {
    var forward = HttpRequest.newBuilder(target.resolve(request.uri().toString()))
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.header("content-type").ifPresent(value -> forward.header("Content-Type", value));
    HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }

  /** A check that lets everything pass. */
  public static Check anything() {
    return request -> Optional.empty();
  }

  /** The Authorization header must be exactly {@code expected}. */
  public static Check authorization(String expected) {
    return request -> request.header("authorization").filter(expected::equals).isPresent() ? Optional.empty()
        : Optional.of("Authorization is " + request.header("authorization").map(v -> "not the expected one")
            .orElse("missing"));
  }

  /** Both checks must pass. */
  public static Check both(Check first, Check second) {
    return request -> first.problem(request).or(() -> second.problem(request));
  }

  /** The client must have presented a certificate with this common name. */
  public static Check clientCertificateNamed(String commonName) {
    return request -> request.clientCertificates().stream().findFirst()
        .filter(c -> c.getSubjectX500Principal().getName().equals("CN=" + commonName)).isPresent() ? Optional.empty()
        : Optional.of("no client certificate CN=" + commonName);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The requests that arrived, for messages. */
  public List<String> describeReceived() {
    var lines = new ArrayList<String>();
    received.forEach(r -> lines.add(r.method() + " " + r.uri()));
    return lines;
  }
}
