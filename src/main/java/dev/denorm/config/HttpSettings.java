package dev.denorm.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The instance's HTTP endpoint: /metrics, /status and, when enabled, /documents; which of them
 * need the bearer token, and the document route's bounds.
 *
 * @param host the address to bind
 * @param port the port; 0 = any free one (logged), -1 = no HTTP endpoint
 * @param advertisedHost the address other instances reach this one at; empty = derived (see {@link #advertised})
 * @param documentsEnabled whether /documents/&lt;index&gt;/&lt;id&gt; answers (and forwards) at all
 * @param token the bearer token, from {@value #TOKEN_FILE} or {@value #TOKEN}; empty = none
 * @param tokenRoutes the routes that require the token when there is one (always {@link Route#DOCUMENTS})
 * @param maxQueued document requests that may wait for a thread before the route answers 429
 * @param maxRelayedBytes the largest answer relayed from the owner of a document
 * @param waitEnabled whether /wait answers, and the pipeline carries the positions it waits on
 */
public record HttpSettings(String host, int port, String advertisedHost, boolean documentsEnabled,
    Optional<Password> token, Set<Route> tokenRoutes, int maxQueued, int maxRelayedBytes, boolean waitEnabled) {

  public static final String HOST = "denorm.http.host";
  public static final String PORT = "denorm.http.port";
  public static final String ADVERTISED_HOST = "denorm.http.advertised.host";
  public static final String DOCUMENTS_ENABLED = "denorm.http.documents.enabled";
  public static final String WAIT_ENABLED = "denorm.http.wait.enabled";
  public static final String TOKEN_FILE = "denorm.http.token.file";
  public static final String TOKEN = "denorm.http.token";
  public static final String TOKEN_ROUTES = "denorm.http.token.routes";
  public static final String ALLOW_UNAUTHENTICATED = "denorm.http.allow.unauthenticated";
  public static final String MAX_QUEUED = "denorm.http.max.queued";
  public static final String MAX_RELAYED_BYTES = "denorm.http.max.relayed.bytes";

  /** A token file larger than this is not a token file. */
  static final int MAX_TOKEN_FILE_BYTES = 4096;

  /** The routes that can require the token; {@code all} in {@value #TOKEN_ROUTES} means each. */
  public enum Route {
    DOCUMENTS, STATUS, METRICS, WAIT;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static void define(ConfigDef def) {
    def.define(HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
            "Address the HTTP endpoint (/metrics, /status, /documents) binds to.")
        .define(PORT, Type.INT, 9464, Range.between(-1, 65535), Importance.MEDIUM,
            "Port of the instance's HTTP endpoint: /metrics in the Prometheus format, /status, and /documents/<index>/<id>"
                + " when " + DOCUMENTS_ENABLED + ". 9464 is the port Prometheus exporters conventionally use; 0 takes a"
                + " free one (logged at start); -1 turns it off.")
        .define(ADVERTISED_HOST, Type.STRING, "", Importance.LOW,
            "Host name or address the other instances of the group reach this one's HTTP endpoint at, to forward"
                + " /documents requests to the instance that owns a document (with the bound port, it becomes Kafka"
                + " Streams' application.server). Empty: the bind address, or this machine's host name when that is a"
                + " wildcard (0.0.0.0, ::).")
        .define(WAIT_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
            "Serve GET /wait?index=<index>&lsn=<pg_lsn>&timeout=<duration>, the read-your-writes barrier: it answers"
                + " once every change committed up to that PostgreSQL WAL position is searchable in the index"
                + " (docs/read-your-writes.md). On, the pipeline carries position marks and samples the connector's"
                + " committed position when the Connect worker commits its offsets (and every second), and a wait asks PostgreSQL for"
                + " a logical message when no change passes its position. It serves no data; list 'wait' in "
                + TOKEN_ROUTES + " to require the token for it.")
        .define(DOCUMENTS_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
            "Serve GET /documents/<index>/<id>: any document as the pipeline holds it and the engine's copy (read with"
                + " the sink's credentials), to whoever may call the route, and forward such requests to the instance"
                + " that owns the document. Off: the route answers 404 saying how to turn it on. On, it always requires"
                + " the token when one is set; with no token it refuses to start unless " + HOST + " is a loopback"
                + " address or " + ALLOW_UNAUTHENTICATED + "=true.")
        .define(TOKEN_FILE, Type.STRING, "", Importance.HIGH,
            "File holding the bearer token that the routes in " + TOKEN_ROUTES + " require (Authorization: Bearer"
                + " <token>), read once at start; its content, trimmed, is the token: visible ASCII, no spaces. Every"
                + " instance of the group needs the same one: forwards between instances carry it. An empty or"
                + " unreadable file stops the start. Empty: no token (unless " + TOKEN + ").")
        .define(TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
            "The bearer token inline, for where a file cannot be mounted; never logged. Use either this or "
                + TOKEN_FILE + ", not both.")
        .define(TOKEN_ROUTES, Type.LIST, Route.DOCUMENTS.key(), new RoutesValidator(), Importance.MEDIUM,
            "The routes that require the token when one is set, comma separated: documents (always), status (the JSON"
                + " of /status; the page /status.html is static and sends the token it is given), metrics, or all."
                + " The default leaves /metrics and /status to scrapers and 'denorm status' without a token.")
        .define(ALLOW_UNAUTHENTICATED, Type.BOOLEAN, false, Importance.LOW,
            "Let " + DOCUMENTS_ENABLED + "=true serve documents without a token on a non-loopback " + HOST
                + " (behind a proxy that authenticates, or on a network only trusted callers reach).")
        .define(MAX_QUEUED, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
            "Document requests that may wait for one of the route's threads (4 for requests, 4 for those forwarded"
                + " from other instances); beyond them it answers 429 with Retry-After.")
        .define(MAX_RELAYED_BYTES, Type.INT, 16 * 1024 * 1024, Range.between(1024, 1024 * 1024 * 1024), Importance.LOW,
            "The largest answer a forwarded document request may bring back from the document's owner; a larger one"
                + " is answered 502 naming this key.");
  }

  static HttpSettings from(AbstractConfig c) {
    var settings = new HttpSettings(c.getString(HOST), c.getInt(PORT), c.getString(ADVERTISED_HOST).strip(),
        c.getBoolean(DOCUMENTS_ENABLED), token(c), routes(c.getList(TOKEN_ROUTES)), c.getInt(MAX_QUEUED),
        c.getInt(MAX_RELAYED_BYTES), c.getBoolean(WAIT_ENABLED));
    if (settings.port >= 0 && settings.documentsEnabled && settings.token.isEmpty() && !loopback(settings.host)
        && !c.getBoolean(ALLOW_UNAUTHENTICATED)) {
      throw new ConfigException(DOCUMENTS_ENABLED + "=true would serve every document, and the engine's copy of it, to"
          + " anyone who reaches " + settings.host + ":" + settings.port + ", but no token is set: set " + TOKEN_FILE
          + " (or " + TOKEN + "), or bind " + HOST + " to a loopback address, or set " + ALLOW_UNAUTHENTICATED
          + "=true to serve documents without authentication anyway");
    }
    return settings;
  }

  /** Whether a request to {@code route} must carry the token: there is one, and the route is listed (documents always). */
  public boolean requiresToken(Route route) {
    return token.isPresent() && tokenRoutes.contains(route);
  }

  /** The host other instances reach this one at: the configured one, else the bind address unless a wildcard, else the host name. */
  public String advertised() {
    if (!advertisedHost.isEmpty()) {
      return advertisedHost;
    }
    if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new ConfigException(ADVERTISED_HOST, "",
          "this machine's host name does not resolve (" + e.getMessage() + "); set it to the address other instances reach this one at");
    }
  }

  /** Whether {@code host} only takes connections from this machine (127.0.0.0/8, ::1, localhost). */
  static boolean loopback(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Optional<Password> token(AbstractConfig c) {
    String file = c.getString(TOKEN_FILE).strip();
    String inline = c.getPassword(TOKEN).value().strip();
    if (!file.isEmpty() && !inline.isEmpty()) {
      throw new ConfigException("both " + TOKEN_FILE + " and " + TOKEN + " are set: set one of them");
    }
    if (!file.isEmpty()) {
      return Optional.of(new Password(requireUsable(TOKEN_FILE, file, read(file))));
    }
    return inline.isEmpty() ? Optional.empty() : Optional.of(new Password(requireUsable(TOKEN, "[hidden]", inline)));
  }

  private static String read(String file) {
    try {
      var path = Path.of(file);
      if (Files.size(path) > MAX_TOKEN_FILE_BYTES) {
        throw new ConfigException(TOKEN_FILE, file, "the file is larger than " + MAX_TOKEN_FILE_BYTES
            + " bytes; it must hold the token only");
      }
      return Files.readString(path).strip();
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(TOKEN_FILE, file, "cannot be read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
  }

  /** A token that an HTTP header can carry; the messages never show it. */
  private static String requireUsable(String key, String shown, String token) {
    if (token.isEmpty()) {
      throw new ConfigException(key, shown, "the token is empty");
    }
    if (!token.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      throw new ConfigException(key, shown, "the token holds a space, a control character or a non-ASCII character;"
          + " it must be visible ASCII, as it is sent in an HTTP header");
    }
    return token;
  }

  private static Set<Route> routes(List<String> listed) {
    var routes = EnumSet.of(Route.DOCUMENTS);
    for (String name : listed) {
      if (name.strip().equalsIgnoreCase("all")) {
        return EnumSet.allOf(Route.class);
      }
      routes.add(Route.valueOf(name.strip().toUpperCase(Locale.ROOT)));
    }
    return Set.copyOf(routes);
  }

  /** Each listed name a route or {@code all}, and the document route among them. */
  private static final class RoutesValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      var listed = ((List<String>) value).stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
      for (String route : listed) {
        if (!route.equals("all") && EnumSet.allOf(Route.class).stream().noneMatch(r -> r.key().equals(route))) {
          throw new ConfigException(name, value, "'" + route + "' is no route; allowed: " + this);
        }
      }
      if (!listed.contains("all") && !listed.contains(Route.DOCUMENTS.key())) {
        throw new ConfigException(name, value, "the document route always requires the token; list documents too,"
            + " e.g. " + String.join(",", Stream.concat(Stream.of(Route.DOCUMENTS.key()), listed.stream()).toList()));
      }
    }

    @Override
    public String toString() {
      return "documents, status, metrics, all (documents always listed)";
    }
  }
}
