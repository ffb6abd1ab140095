package dev.denorm.config;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * What of a secret may be printed: nothing. {@link #redact} masks the secrets a text can carry
 * inside a URL or a setting (a URL's user info, {@code password=} and the like), {@link #summary}
 * says what went wrong without an exception's message (which may quote a URL or data), and
 * {@link #noUserInfo} refuses URL settings that carry credentials: those belong in the password
 * settings, which are {@code Password}s and never printed. Here, at the bottom, so every package can use it.
 */
public final class Secrets {

  /** What stands in for a masked secret. */
  public static final String MASK = "***";

  /** A URL's user info: everything between {@code scheme://} and the last {@code @} before the host's end. */
  private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/?#\\s]*@");
  /** {@code password=x}, {@code &password=x}, {@code ssl.key.password = "x"}, {@code token=x}, ... */
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)((?<![a-z0-9])(?:password|passwd|pwd|sslpassword|secret|token|api[_.-]?key|access[_.-]?key)\"?\\s*[=:]\\s*)(\"[^\"]*\"|[^&;,\\s\"]+)");
  /** An HTTP Authorization header's credentials. */
  private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(\\bauthorization\\s*[=:]\\s*\\w+\\s+)\\S+");
  /** Exceptions whose message names only a host, a port or a timeout: safe to show. */
  private static final List<Class<? extends Throwable>> NETWORK = List.of(ConnectException.class,
      NoRouteToHostException.class, UnknownHostException.class, SocketTimeoutException.class,
      HttpTimeoutException.class);

  private Secrets() {}

  /**
   * The text with every secret it may carry masked: a URL's user info ({@code http://***@host}),
   * and the value of a {@code password}, {@code secret}, {@code token} or {@code api_key} parameter
   * or setting ({@code jdbc:postgresql://h/db?user=u&password=***}); null stays null.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    masked = SECRET_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
        + (m.group(2).startsWith("\"") ? "\"" + MASK + "\"" : MASK)));
    return AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
  }

  /**
   * What went wrong, for a place where an exception's message may not go (a status page, a
   * command's one-line error): its type, the SQLState of an SQL error, and the message only of
   * network errors, which name a host or a timeout. Wrappers (ExecutionException, ...) are looked through.
   */
  public static String summary(Throwable error) {
    Throwable e = error;
    while ((e instanceof ExecutionException || e instanceof CompletionException || e instanceof UncheckedIOException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    String type = e.getClass().getSimpleName();
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      return type + " (SQLState " + sql.getSQLState() + ")";
    }
    Throwable network = e;
    if (NETWORK.stream().anyMatch(t -> t.isInstance(network)) && e.getMessage() != null) {
      return type + ": " + redact(e.getMessage());
    }
    return type;
  }

  /** Whether a URL carries user info ({@code scheme://user:password@host}). */
  public static boolean hasUserInfo(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return false;
    }
    int end = start + 3;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(start + 3, end).contains("@");
  }

  /**
   * Refuses a URL with user info, by a message that does not show it: credentials go in the
   * password settings (from a file or a config provider), never in a URL that is printed.
   *
   * @param advice where credentials go instead, e.g. "set denorm.sink.password"
   */
  public static void requireNoUserInfo(String key, String url, String advice) {
    if (url != null && hasUserInfo(url)) {
      throw new ConfigException("Invalid value " + redact(url) + " for configuration " + key + ": a URL with user"
          + " info (user:password@) is refused, so that no credential is printed with the URL; " + advice
          + " (docs/configuration.md#secrets)");
    }
  }

  /** A validator for a URL setting (a string or a list of them): no user info; see {@link #requireNoUserInfo}. */
  static ConfigDef.Validator noUserInfo(String advice) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value instanceof List<?> list) {
          list.forEach(url -> requireNoUserInfo(name, String.valueOf(url), advice));
        } else if (value != null) {
          requireNoUserInfo(name, value.toString(), advice);
        }
      }

      @Override
      public String toString() {
        return "a URL without user info (user:password@)";
      }
    };
  }
}
