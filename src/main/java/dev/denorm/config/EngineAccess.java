package dev.denorm.config;

import static dev.denorm.config.SinkSettings.ALLOW_INSECURE_CREDENTIALS;
import static dev.denorm.config.SinkSettings.API_KEY;
import static dev.denorm.config.SinkSettings.BEARER_TOKEN;
import static dev.denorm.config.SinkSettings.CA_CERTIFICATE;
import static dev.denorm.config.SinkSettings.HOSTS;
import static dev.denorm.config.SinkSettings.KEYSTORE_PATH;
import static dev.denorm.config.SinkSettings.PASSWORD;
import static dev.denorm.config.SinkSettings.SIGV4_ENABLED;
import static dev.denorm.config.SinkSettings.SIGV4_REGION;
import static dev.denorm.config.SinkSettings.SIGV4_SERVICE;
import static dev.denorm.config.SinkSettings.TLS_PREFIX;
import static dev.denorm.config.SinkSettings.TRUSTSTORE_PATH;
import static dev.denorm.config.SinkSettings.USERNAME;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How every client of the search engine reaches it (the sink, verify, the demo, the bench): TLS
 * with a trust store and a client certificate, and at most one way to authenticate: basic auth, an
 * Elasticsearch API key, a bearer token or AWS Signature Version 4. A client certificate goes with
 * any of them. Credentials on an http:// host stop the start unless
 * {@value SinkSettings#ALLOW_INSECURE_CREDENTIALS}. The keys are {@code denorm.sink.*}, named in
 * {@link SinkSettings}.
 *
 * @param username basic auth user; empty = no basic auth
 * @param tls the trust store ({@value SinkSettings#CA_CERTIFICATE} or {@code denorm.sink.tls.truststore.*})
 *     and the client certificate ({@code denorm.sink.tls.keystore.*})
 * @param awsSigV4 signing with AWS Signature Version 4, when enabled
 */
public record EngineAccess(String username, Password password, Password apiKey, Password bearerToken,
    TlsSettings tls, Optional<AwsSigV4> awsSigV4, boolean allowInsecureCredentials) {

  static void define(ConfigDef def) {
    def.define(USERNAME, Type.STRING, "", Importance.MEDIUM,
            "Basic auth user; empty for none. One way to authenticate: this, " + API_KEY + ", " + BEARER_TOKEN
                + " or " + SIGV4_ENABLED + ".")
        .define(PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
            "Basic auth password. Never logged; from a file: DENORM_SINK_PASSWORD_FILE or a config provider.")
        .define(API_KEY, Type.PASSWORD, "", Importance.MEDIUM,
            "Elasticsearch API key, the base64 'id:key' credential Elasticsearch's create API key answers as"
                + " 'encoded'; sent as Authorization: ApiKey <key>. Never logged; from a file: DENORM_SINK_API_KEY_FILE or a config provider.")
        .define(BEARER_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
            "A token sent as Authorization: Bearer <token> (an OAuth2/OIDC access token or an Elasticsearch service"
                + " account token); visible ASCII. Never logged; from a file: DENORM_SINK_BEARER_TOKEN_FILE or a config provider.")
        .define(CA_CERTIFICATE, Type.STRING, "", Importance.MEDIUM,
            "PEM file of the CA that signed the engine's certificate, for https hosts; empty = JVM trust store."
                + " Short for " + TRUSTSTORE_PATH + " with a PEM file; set one of the two.")
        .define(SIGV4_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
            "Sign every request with AWS Signature Version 4, for Amazon OpenSearch Service, with the credentials"
                + " of the AWS SDK's default chain, first found wins: the aws.accessKeyId/aws.secretAccessKey"
                + " (/aws.sessionToken) system properties, the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
                + " (/AWS_SESSION_TOKEN) environment variables, a web identity token (EKS IAM roles for service"
                + " accounts), the shared credentials and config files (AWS_PROFILE; static keys, role_arn with a"
                + " source profile, credential_process; not IAM Identity Center profiles), the container's credentials"
                + " (ECS, EKS Pod Identity), the EC2 instance's role. Resolved at start: none found stops it.")
        .define(SIGV4_REGION, Type.STRING, "", Importance.MEDIUM,
            "AWS region of the domain, e.g. eu-west-1. Empty: the AWS SDK's region chain (AWS_REGION, the profile's"
                + " region, the EC2 instance's).")
        .define(SIGV4_SERVICE, Type.STRING, "es", ConfigDef.ValidString.in("es", "aoss"), Importance.LOW,
            "The service the signature names: es, Amazon OpenSearch Service (a domain). aoss, OpenSearch Serverless,"
                + " stops the start: a collection takes no external versions and, for time series and vector"
                + " collections, no document ids of ours, which the sink's idempotent writes need"
                + " (docs/configuration.md, 'Secured search engines, registry and Connect').")
        .define(ALLOW_INSECURE_CREDENTIALS, Type.BOOLEAN, false, Importance.LOW,
            "Send credentials (basic auth, API key, bearer token, a SigV4 session token) to an http:// host, where"
                + " anyone on the way can read them. Off: credentials with an http:// host in " + HOSTS
                + " stop the start.");
    TlsSettings.define(def, TLS_PREFIX, "the search engine");
  }

  /** The access configured in {@code config}, checked against the engine's {@code hosts}. */
  static EngineAccess from(AbstractConfig config, List<String> hosts) {
    var access = new EngineAccess(
        config.getString(USERNAME).strip(),
        config.getPassword(PASSWORD),
        header(API_KEY, config.getPassword(API_KEY)),
        header(BEARER_TOKEN, config.getPassword(BEARER_TOKEN)),
        tls(config),
        awsSigV4(config),
        config.getBoolean(ALLOW_INSECURE_CREDENTIALS));
    access.checkCredentials(hosts);
    return access;
  }

  /** How requests to the engine authenticate; at most one way is configured. */
  public enum Authentication { NONE, BASIC, API_KEY, BEARER_TOKEN, AWS_SIGV4 }

  /**
   * Signing with AWS Signature Version 4.
   *
   * @param region the region; empty = the AWS SDK's region chain
   * @param service the signing name: es (Amazon OpenSearch Service)
   */
  public record AwsSigV4(Optional<String> region, String service) {}

  /** The one way requests authenticate, from the keys that are set. */
  public Authentication authentication() {
    if (!username.isEmpty()) {
      return Authentication.BASIC;
    }
    if (!apiKey.value().isEmpty()) {
      return Authentication.API_KEY;
    }
    if (!bearerToken.value().isEmpty()) {
      return Authentication.BEARER_TOKEN;
    }
    return awsSigV4.isPresent() ? Authentication.AWS_SIGV4 : Authentication.NONE;
  }

  /**
   * Refuses credentials that would be sent to one of {@code urls} over plain http, unless
   * {@value SinkSettings#ALLOW_INSECURE_CREDENTIALS}; also for a client to other hosts than the
   * configured ones (the embedded engine of the demo and the bench).
   *
   * @throws ConfigException naming the host and the keys
   */
  public void requireSafeCredentials(List<String> urls) {
    if (authentication() == Authentication.NONE || allowInsecureCredentials) {
      return;
    }
    for (String url : urls) {
      if (url.strip().startsWith("http://")) {
        throw HttpAccess.insecure(HOSTS, url, credentialKey(), ALLOW_INSECURE_CREDENTIALS);
      }
    }
  }

  private String credentialKey() {
    return switch (authentication()) {
      case BASIC -> USERNAME;
      case API_KEY -> API_KEY;
      case BEARER_TOKEN -> BEARER_TOKEN;
      case AWS_SIGV4 -> SIGV4_ENABLED;
      case NONE -> "";
    };
  }

  private void checkCredentials(List<String> hosts) {
    if (username.isEmpty() && !password.value().isEmpty()) {
      throw new ConfigException(PASSWORD + " is set but " + USERNAME + " is empty: set the user too");
    }
    var set = new ArrayList<String>();
    if (!username.isEmpty()) {
      set.add(USERNAME);
    }
    if (!apiKey.value().isEmpty()) {
      set.add(API_KEY);
    }
    if (!bearerToken.value().isEmpty()) {
      set.add(BEARER_TOKEN);
    }
    if (awsSigV4.isPresent()) {
      set.add(SIGV4_ENABLED);
    }
    if (set.size() > 1) {
      throw new ConfigException("more than one way to authenticate to the search engine is set (" + String.join(", ", set)
          + "): set one of them (a client certificate, " + KEYSTORE_PATH + ", goes with any)");
    }
    requireSafeCredentials(hosts);
  }

  /** A credential sent in a header: visible ASCII only; the message never shows it. */
  private static Password header(String key, Password value) {
    String text = value.value().strip();
    if (!text.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      throw new ConfigException(key, "[hidden]", "holds a space, a control character or a non-ASCII character;"
          + " it must be visible ASCII, as it is sent in an HTTP header");
    }
    return new Password(text);
  }

  /** The TLS keys, with {@value SinkSettings#CA_CERTIFICATE} as a PEM trust store when it is set. */
  private static TlsSettings tls(AbstractConfig config) {
    String ca = config.getString(CA_CERTIFICATE).strip();
    if (!ca.isEmpty() && !config.getString(TRUSTSTORE_PATH).isBlank()) {
      throw new ConfigException("both " + CA_CERTIFICATE + " and " + TRUSTSTORE_PATH + " are set: set one of them");
    }
    var tls = TlsSettings.from(config, TLS_PREFIX);
    if (ca.isEmpty()) {
      return tls;
    }
    var withCa = new TlsSettings(Optional.of(TlsSettings.pemFile(CA_CERTIFICATE, ca)), tls.keyStore());
    withCa.sslContext();
    return withCa;
  }

  private static Optional<AwsSigV4> awsSigV4(AbstractConfig config) {
    if (!config.getBoolean(SIGV4_ENABLED)) {
      return Optional.empty();
    }
    String service = config.getString(SIGV4_SERVICE);
    if (service.equals("aoss")) {
      throw new ConfigException(SIGV4_SERVICE, service, "OpenSearch Serverless is not supported: its collections take"
          + " no external versions (version_type=external), and time series and vector collections no document ids"
          + " of the writer's, so the sink could neither keep an older document from overwriting a newer one nor"
          + " delete or replace a document by its id; use an Amazon OpenSearch Service domain (es)."
          + " docs/configuration.md, 'Secured search engines, registry and Connect'");
    }
    String region = config.getString(SIGV4_REGION).strip();
    return Optional.of(new AwsSigV4(region.isEmpty() ? Optional.empty() : Optional.of(region), service));
  }
}
