package dev.denorm.sink.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.apache.http.Header;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.apache.http.util.EntityUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * Signs each request of the REST client with AWS Signature Version 4 (the AWS SDK's signer), as the
 * last step before it is sent: the Host header the request goes with, its Content-Type, and a
 * SHA-256 of its body ({@code x-amz-content-sha256}, which OpenSearch Serverless requires and the
 * service domains accept), so the body is read once more from its entity; every request body the
 * sink sends is in memory (a _bulk body is a byte array). A request whose body can be read only
 * once is refused.
 */
final class AwsSigV4Interceptor implements HttpRequestInterceptor {

  static final String CONTENT_SHA256 = "x-amz-content-sha256";
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String region;
  private final String service;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;

  AwsSigV4Interceptor(String region, String service, AwsCredentialsProvider credentials, Clock clock) {
    this.region = region;
    this.service = service;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public void process(HttpRequest request, HttpContext context) throws IOException {
    var target = (HttpHost) context.getAttribute(HttpCoreContext.HTTP_TARGET_HOST);
    byte[] body = body(request);
    var uri = URI.create(request.getRequestLine().getUri());
    var unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(request.getRequestLine().getMethod()))
        .protocol(target.getSchemeName())
        .host(target.getHostName())
        .port(target.getPort() >= 0 ? target.getPort() : "https".equals(target.getSchemeName()) ? 443 : 80)
        .encodedPath(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        .putHeader(CONTENT_SHA256, HexFormat.of().formatHex(sha256(body)));
    query(uri.getRawQuery(), unsigned);
    Header contentType = request.getFirstHeader("Content-Type");
    if (contentType != null) {
      unsigned.putHeader("Content-Type", contentType.getValue());
    }
    SdkHttpRequest signed;
    try {
      var identity = credentials.resolveCredentials();
      signed = signer.sign(r -> r.identity(identity)
          .request(unsigned.build())
          .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
          .putProperty(AwsV4HttpSigner.REGION_NAME, region)
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
          .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    } catch (SdkException e) {
      throw new IOException("cannot sign the request to the search engine with AWS SigV4: " + e.getMessage(), e);
    }
    // the signed headers replace the request's: Authorization, X-Amz-Date, X-Amz-Security-Token, the hash, and
    // the Host the signature covers (the same host and port the client sends)
    signed.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("Content-Type")) {
        request.setHeader(name, values.get(0));
      }
    });
  }

  private static byte[] body(HttpRequest request) throws IOException {
    if (!(request instanceof HttpEntityEnclosingRequest enclosing) || enclosing.getEntity() == null) {
      return new byte[0];
    }
    var entity = enclosing.getEntity();
    if (!entity.isRepeatable()) {
      throw new IOException("cannot sign a request whose body can be read only once (" + entity.getClass().getName()
          + ")");
    }
    return EntityUtils.toByteArray(entity);
  }

  /** The query's parameters, decoded: the signer encodes them again as SigV4's canonical form wants. */
  private static void query(String rawQuery, SdkHttpRequest.Builder request) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      request.appendRawQueryParameter(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
