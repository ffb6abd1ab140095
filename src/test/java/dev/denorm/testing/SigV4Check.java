package dev.denorm.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on a received request, computed here from the specification
 * (the IAM user guide's "Create a signed AWS API request"), not with the AWS SDK that signed it:
 * the canonical request (method, the path's segments URI-encoded once more as for every service
 * but S3, the sorted query, the signed headers as they arrived, the body's SHA-256), the string to
 * sign, the signing key derived from the secret key, date, region and service, and the HMAC. Also
 * checks the credential scope, the date's freshness, {@code x-amz-content-sha256} against the body,
 * and that host, x-amz-date and the hash are among the signed headers.
 */
public final class SigV4Check implements TlsProxy.Check {

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;
  private final String region;
  private final String service;

  /** @param sessionToken the token that must come as X-Amz-Security-Token, or null for long-term keys */
  public SigV4Check(String accessKey, String secretKey, String sessionToken, String region, String service) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.sessionToken = sessionToken;
    this.region = region;
    this.service = service;
  }

  @Override
  public Optional<String> problem(TlsProxy.Received request) {
    var authorization = request.header("authorization").orElse("");
    var parts = AUTHORIZATION.matcher(authorization);
    if (!parts.matches()) {
      return Optional.of("no AWS4-HMAC-SHA256 Authorization header: " + authorization);
    }
    if (!parts.group(1).equals(accessKey) || !parts.group(3).equals(region) || !parts.group(4).equals(service)) {
      return Optional.of("credential scope " + parts.group(1) + "/" + parts.group(3) + "/" + parts.group(4)
          + ", expected " + accessKey + "/" + region + "/" + service);
    }
    String amzDate = request.header("x-amz-date").orElse("");
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (RuntimeException e) {
      return Optional.of("x-amz-date is not yyyyMMddTHHmmssZ: " + amzDate);
    }
    if (!amzDate.startsWith(parts.group(2))) {
      return Optional.of("the scope's date " + parts.group(2) + " is not x-amz-date's " + amzDate);
    }
    if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
      return Optional.of("signed at " + signedAt + ", more than 5 minutes from now");
    }
    String bodyHash = hex(sha256(request.body()));
    if (!request.header("x-amz-content-sha256").orElse("").equals(bodyHash)) {
      return Optional.of("x-amz-content-sha256 is not the body's SHA-256");
    }
    var signedHeaders = List.of(parts.group(5).split(";"));
    var required = new ArrayList<>(List.of("host", "x-amz-date", "x-amz-content-sha256"));
    if (sessionToken != null) {
      required.add("x-amz-security-token");
      if (!request.header("x-amz-security-token").orElse("").equals(sessionToken)) {
        return Optional.of("X-Amz-Security-Token is not the session token");
      }
    }
    if (!signedHeaders.containsAll(required)) {
      return Optional.of("signed headers " + signedHeaders + " leave out some of " + required);
    }
    if (!signedHeaders.equals(signedHeaders.stream().sorted().toList())) {
      return Optional.of("signed headers not sorted: " + signedHeaders);
    }
    String canonicalRequest = String.join("\n", request.method(), canonicalUri(request.uri().getRawPath()),
        canonicalQuery(request.uri().getRawQuery()), canonicalHeaders(request, signedHeaders),
        String.join(";", signedHeaders), bodyHash);
    String scope = parts.group(2) + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
        hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), parts.group(2));
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, stringToSign));
    return expected.equals(parts.group(6)) ? Optional.empty()
        : Optional.of("signature " + parts.group(6) + " is not the expected " + expected + " of the canonical request\n"
            + canonicalRequest);
  }

  /** Each segment of the path as sent (encoded once) URI-encoded again; "/" for an empty path. */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
      return "/";
    }
    return Arrays.stream(rawPath.split("/", -1)).map(SigV4Check::uriEncode).collect(Collectors.joining("/"));
  }

  /** Parameters decoded, then URI-encoded, sorted by name and value, name=value joined by {@code &}. */
  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    return Arrays.stream(rawQuery.split("&")).filter(p -> !p.isEmpty()).map(pair -> {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      return uriEncode(name) + "=" + uriEncode(value);
    }).sorted().collect(Collectors.joining("&"));
  }

  private static String canonicalHeaders(TlsProxy.Received request, List<String> signed) {
    var out = new StringBuilder();
    for (String name : signed) {
      var values = request.headers().getOrDefault(name, List.of());
      out.append(name).append(':')
          .append(values.stream().map(v -> v.strip().replaceAll("\\s+", " ")).collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  /** RFC 3986: unreserved characters as they are, every other byte of the UTF-8 as %XX. */
  static String uriEncode(String text) {
    var out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
