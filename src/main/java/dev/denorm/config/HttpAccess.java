package dev.denorm.config;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How denorm reaches an HTTP service of the stack, the schema registry or Kafka Connect: basic auth
 * and TLS, under {@code <prefix>username}, {@code <prefix>password}, {@code <prefix>tls.*} and
 * {@code <prefix>allow.insecure.credentials}. Credentials are refused on an {@code http://} URL
 * unless that last key allows it: they would cross the network readable by anyone on the way.
 *
 * @param username basic auth user; empty = no authentication
 */
public record HttpAccess(String username, Password password, TlsSettings tls) {

  /** No credentials, the JVM's TLS defaults. */
  public static HttpAccess none() {
    return new HttpAccess("", new Password(""), TlsSettings.none());
  }

  /**
   * @param part what is reached, for the doc strings (e.g. "the schema registry")
   * @param urlKey the key of the service's URL
   */
  static void define(ConfigDef def, String prefix, String part, String urlKey) {
    def.define(prefix + "username", Type.STRING, "", Importance.MEDIUM,
            "Basic auth user for " + part + "; empty for none.")
        .define(prefix + "password", Type.PASSWORD, "", Importance.MEDIUM,
            "Basic auth password for " + part + ". Never logged.")
        .define(prefix + "allow.insecure.credentials", Type.BOOLEAN, false, Importance.LOW,
            "Send the basic auth credentials to " + part + " even when " + urlKey + " is http://, where anyone on"
                + " the way can read them. Off: such a configuration stops the start.");
    TlsSettings.define(def, prefix + "tls.", part);
  }

  /**
   * The settings under {@code prefix}, checked against the service's URL.
   *
   * @throws ConfigException naming the key: a password without a user, a store that cannot be used,
   *     credentials on an http:// URL that are not allowed there
   */
  static HttpAccess from(AbstractConfig c, String prefix, String urlKey, String url) {
    var access = new HttpAccess(c.getString(prefix + "username").strip(), c.getPassword(prefix + "password"),
        TlsSettings.from(c, prefix + "tls."));
    if (access.username.isEmpty() && !access.password.value().isEmpty()) {
      throw new ConfigException(prefix + "password is set but " + prefix + "username is empty: set the user too");
    }
    if (access.authenticates() && url.strip().startsWith("http://")
        && !c.getBoolean(prefix + "allow.insecure.credentials")) {
      throw insecure(urlKey, url, prefix + "username", prefix + "allow.insecure.credentials");
    }
    return access;
  }

  /** The refusal of credentials that would travel unencrypted. */
  static ConfigException insecure(String urlKey, String url, String credentialKey, String allowKey) {
    return new ConfigException(urlKey, url, "an http:// URL, but credentials are set (" + credentialKey + "): they"
        + " would be sent unencrypted. Use https://, or set " + allowKey + "=true to send them anyway");
  }

  /** Whether requests carry credentials. */
  public boolean authenticates() {
    return !username.isEmpty();
  }

  /** The Authorization header's value: {@code Basic base64(user:password)}, if there is a user. */
  public Optional<String> authorization() {
    if (!authenticates()) {
      return Optional.empty();
    }
    byte[] pair = (username + ":" + password.value()).getBytes(StandardCharsets.UTF_8);
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
  }

  /** A client builder with the TLS settings (the JVM's defaults where none are configured). */
  public HttpClient.Builder clientBuilder() {
    var builder = HttpClient.newBuilder();
    if (tls.configured()) {
      builder.sslContext(tls.sslContext());
    }
    return builder;
  }

  /** The request with the Authorization header, when there are credentials. */
  public HttpRequest.Builder authorize(HttpRequest.Builder request) {
    authorization().ifPresent(value -> request.header("Authorization", value));
    return request;
  }
}
