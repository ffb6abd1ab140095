package dev.denorm.sink.engine;

import dev.denorm.config.SinkSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/** Builds the low-level REST client from the sink settings: hosts, TLS with a CA, basic auth or API key. */
public final class EngineClients {

  private EngineClients() {}

  public static RestClient restClient(SinkSettings sink) {
    List<HttpHost> hosts = sink.hosts().stream().map(HttpHost::create).toList();
    var builder = RestClient.builder(hosts.toArray(HttpHost[]::new))
        .setRequestConfigCallback(config -> config
            .setConnectTimeout(5_000)
            .setSocketTimeout(sink.requestTimeoutMs()));
    String apiKey = sink.apiKey() == null ? "" : sink.apiKey().value();
    if (!apiKey.isEmpty()) {
      builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
    }
    SSLContext ssl = sink.caCertificate().isEmpty() ? null : sslContext(Path.of(sink.caCertificate()));
    boolean basic = apiKey.isEmpty() && !sink.username().isEmpty();
    builder.setHttpClientConfigCallback(http -> {
      if (ssl != null) {
        http.setSSLContext(ssl);
      }
      if (basic) {
        var credentials = new BasicCredentialsProvider();
        credentials.setCredentials(AuthScope.ANY,
            new UsernamePasswordCredentials(sink.username(), sink.password().value()));
        http.setDefaultCredentialsProvider(credentials);
      }
      return http;
    });
    return builder.build();
  }

  /** Trusts exactly the certificates in a PEM file. */
  static SSLContext sslContext(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      var trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, cert);
      }
      var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      var context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CA certificate " + caPem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the CA certificate " + caPem + ": " + e.getMessage(), e);
    }
  }
}
