package dev.denorm.sink.engine;

import dev.denorm.config.EngineAccess;
import dev.denorm.config.SinkSettings;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.apache.kafka.common.config.ConfigException;
import org.elasticsearch.client.RestClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The one factory of REST clients to the search engine: the sink's, {@code verify}'s, the demo's
 * and the bench's. From the sink settings: the hosts; TLS with a trust store (PEM, JKS, PKCS12)
 * and a client certificate; and one way to authenticate: basic auth, an Elasticsearch API key, a
 * bearer token or AWS Signature Version 4 with the AWS SDK's default credentials chain.
 */
public final class EngineClients {

  private EngineClients() {}

  /** A client to the settings' hosts. */
  public static RestClient restClient(SinkSettings sink) {
    return restClient(sink, sink.hosts());
  }

  /**
   * A client to other hosts with the settings' credentials and TLS: the demo's and the bench's, whose
   * engine may be the embedded one.
   *
   * @throws ConfigException when credentials would go to an http:// host and that is not allowed
   */
  public static RestClient restClient(SinkSettings sink, List<String> hosts) {
    return restClient(sink, hosts, () -> DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
  }

  /**
   * As {@link #restClient(SinkSettings, List)}, with the AWS credentials from {@code aws} (tests give
   * fixed ones) and the signing time from {@code clock}.
   */
  public static RestClient restClient(SinkSettings sink, List<String> hosts, Supplier<AwsCredentialsProvider> aws,
      Clock clock) {
    var access = sink.access();
    access.requireSafeCredentials(hosts);
    var builder = RestClient.builder(hosts.stream().map(HttpHost::create).toArray(HttpHost[]::new))
        .setRequestConfigCallback(config -> config
            .setConnectTimeout(5_000)
            .setSocketTimeout(sink.requestTimeoutMs()));
    switch (access.authentication()) {
      case API_KEY -> builder.setDefaultHeaders(new Header[] {
          new BasicHeader("Authorization", "ApiKey " + access.apiKey().value())});
      case BEARER_TOKEN -> builder.setDefaultHeaders(new Header[] {
          new BasicHeader("Authorization", "Bearer " + access.bearerToken().value())});
      default -> { }
    }
    var ssl = access.tls().configured() ? access.tls().sslContext() : null;
    var basic = access.authentication() == EngineAccess.Authentication.BASIC ? basic(access) : null;
    var sigV4 = access.awsSigV4().map(signing -> signer(signing, aws.get(), clock)).orElse(null);
    builder.setHttpClientConfigCallback(http -> {
      if (ssl != null) {
        http.setSSLContext(ssl);
      }
      if (basic != null) {
        http.setDefaultCredentialsProvider(basic);
      }
      if (sigV4 != null) {
        http.addInterceptorLast(sigV4);
      }
      return http;
    });
    return builder.build();
  }

  private static BasicCredentialsProvider basic(EngineAccess access) {
    var credentials = new BasicCredentialsProvider();
    credentials.setCredentials(AuthScope.ANY,
        new UsernamePasswordCredentials(access.username(), access.password().value()));
    return credentials;
  }

  /** The signer, with the region and the credentials resolved now: a start without them stops, saying why. */
  private static AwsSigV4Interceptor signer(EngineAccess.AwsSigV4 signing, AwsCredentialsProvider credentials,
      Clock clock) {
    String region;
    try {
      region = signing.region().orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion().id());
    } catch (SdkException e) {
      throw new ConfigException(SinkSettings.SIGV4_REGION, "", "no AWS region found in the SDK's chain (AWS_REGION,"
          + " the profile's region, the instance's): set it (" + e.getMessage() + ")");
    }
    try {
      credentials.resolveCredentials();
    } catch (SdkException e) {
      throw new ConfigException(SinkSettings.SIGV4_ENABLED + "=true, but the AWS SDK's default chain found no"
          + " credentials: " + e.getMessage());
    }
    return new AwsSigV4Interceptor(region, signing.service(), credentials, clock);
  }
}
