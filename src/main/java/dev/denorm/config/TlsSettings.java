package dev.denorm.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The TLS side of a client of an https service (the search engine, the schema registry, Kafka
 * Connect): the certificates it trusts and the certificate it presents (mutual TLS), each a file in
 * PEM, JKS or PKCS12. The keys are {@code <prefix>truststore.*} and {@code <prefix>keystore.*}. The
 * files are read at start-up (a bad one stops the start, naming the key) and again for each client.
 *
 * @param trustStore the certificates to trust; empty = the JVM's trust store
 * @param keyStore the client certificate with its private key; empty = none
 */
public record TlsSettings(Optional<Store> trustStore, Optional<Store> keyStore) {

  /** The file formats of a store. */
  public enum StoreType { PEM, JKS, PKCS12 }

  /**
   * One store file.
   *
   * @param key the key that named the file, for messages
   * @param type the format; empty = by the file's content
   * @param password the store's password (for a PEM key store: the encrypted key's), may be empty
   */
  public record Store(String key, Path path, Optional<StoreType> type, Password password) {}

  private static final String PBES2_OID = "1.2.840.113549.1.5.13";
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  /** No trust store and no key store of our own: the JVM's defaults. */
  public static TlsSettings none() {
    return new TlsSettings(Optional.empty(), Optional.empty());
  }

  /** Whether anything is configured: false means the JVM's default TLS. */
  public boolean configured() {
    return trustStore.isPresent() || keyStore.isPresent();
  }

  /**
   * Defines {@code <prefix>truststore.{path,type,password}} and {@code <prefix>keystore.{path,type,password}}.
   *
   * @param part what the client talks to, for the doc strings (e.g. "the search engine")
   */
  static void define(ConfigDef def, String prefix, String part) {
    def.define(prefix + "truststore.path", Type.STRING, "", Importance.MEDIUM,
            "File of the certificates (CAs) to trust for " + part + "'s https URL: PEM (one or more certificates),"
                + " JKS or PKCS12. Empty: the JVM's trust store.")
        .define(prefix + "truststore.type", Type.STRING, "", new TypeValidator(), Importance.LOW,
            "Format of " + prefix + "truststore.path: PEM, JKS or PKCS12. Empty: told by the file's content.")
        .define(prefix + "truststore.password", Type.PASSWORD, "", Importance.LOW,
            "Password of a JKS or PKCS12 trust store (a PEM file needs none). Never logged.")
        .define(prefix + "keystore.path", Type.STRING, "", Importance.MEDIUM,
            "The client certificate denorm presents to " + part + " (mutual TLS), with its private key: PKCS12 or"
                + " JKS, or PEM (the PKCS#8 private key, BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY, and the"
                + " certificate chain, the client's certificate first, in one file). Empty: no client certificate.")
        .define(prefix + "keystore.type", Type.STRING, "", new TypeValidator(), Importance.LOW,
            "Format of " + prefix + "keystore.path: PEM, JKS or PKCS12. Empty: told by the file's content.")
        .define(prefix + "keystore.password", Type.PASSWORD, "", Importance.LOW,
            "Password of the key store and of the key in it (of an encrypted PEM key). Never logged.");
  }

  /** The stores under {@code prefix}, each loaded once to fail now, naming its key, if it cannot be used. */
  static TlsSettings from(AbstractConfig c, String prefix) {
    var settings = new TlsSettings(store(c, prefix + "truststore."), store(c, prefix + "keystore."));
    settings.sslContext();
    return settings;
  }

  /**
   * An SSL context with the configured stores, read now; the JVM's defaults for what is not configured.
   *
   * @throws ConfigException naming the key of a store that cannot be read or used
   */
  public SSLContext sslContext() {
    try {
      var context = SSLContext.getInstance("TLS");
      context.init(keyStore.isEmpty() ? null : keyManagers(keyStore.get()),
          trustStore.isEmpty() ? null : trustManagers(trustStore.get()), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cannot set up TLS: " + e.getMessage());
    }
  }

  /** A PEM file of certificates named by {@code key}. */
  static Store pemFile(String key, String path) {
    try {
      return new Store(key, Path.of(path), Optional.of(StoreType.PEM), new Password(""));
    } catch (InvalidPathException e) {
      throw new ConfigException(key, path, "not a path: " + e.getMessage());
    }
  }

  private static Optional<Store> store(AbstractConfig c, String prefix) {
    String path = c.getString(prefix + "path").strip();
    if (path.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Store(prefix + "path", Path.of(path), parseType(c.getString(prefix + "type")),
          c.getPassword(prefix + "password")));
    } catch (InvalidPathException e) {
      throw new ConfigException(prefix + "path", path, "not a path: " + e.getMessage());
    }
  }

  private static Optional<StoreType> parseType(String type) {
    return type.isBlank() ? Optional.empty() : Optional.of(StoreType.valueOf(type.strip().toUpperCase(Locale.ROOT)));
  }

  private static TrustManager[] trustManagers(Store store) throws GeneralSecurityException {
    byte[] bytes = read(store);
    KeyStore trusted;
    if (typeOf(store, bytes) == StoreType.PEM) {
      var certificates = certificates(store, pemBlocks(bytes));
      if (certificates.isEmpty()) {
        throw new ConfigException(store.key(), store.path().toString(), "holds no PEM certificate (BEGIN CERTIFICATE)");
      }
      trusted = emptyStore();
      for (int i = 0; i < certificates.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, certificates.get(i));
      }
    } else {
      trusted = load(store, bytes);
    }
    var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory.getTrustManagers();
  }

  private static KeyManager[] keyManagers(Store store) throws GeneralSecurityException {
    byte[] bytes = read(store);
    char[] password = store.password().value().toCharArray();
    KeyStore keys;
    if (typeOf(store, bytes) == StoreType.PEM) {
      var blocks = pemBlocks(bytes);
      var chain = certificates(store, blocks);
      if (chain.isEmpty()) {
        throw new ConfigException(store.key(), store.path().toString(),
            "holds no certificate (BEGIN CERTIFICATE); a PEM key store is the private key and its certificate chain");
      }
      keys = emptyStore();
      keys.setKeyEntry("client", privateKey(store, blocks, chain.get(0), password), password,
          chain.toArray(Certificate[]::new));
    } else {
      keys = load(store, bytes);
    }
    var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    try {
      factory.init(keys, password);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(store.key(), store.path().toString(),
          "its key cannot be read with the key store's password (" + e.getMessage() + ")");
    }
    return factory.getKeyManagers();
  }

  private static byte[] read(Store store) {
    try {
      return Files.readAllBytes(store.path());
    } catch (IOException e) {
      throw new ConfigException(store.key(), store.path().toString(),
          "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  /** The configured type, else PEM for a text file of PEM blocks, else what the JDK detects (JKS or PKCS12). */
  private static StoreType typeOf(Store store, byte[] bytes) {
    if (store.type().isPresent()) {
      return store.type().get();
    }
    return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ") ? StoreType.PEM : StoreType.PKCS12;
  }

  private static KeyStore load(Store store, byte[] bytes) throws GeneralSecurityException {
    var type = store.type().orElse(null);
    char[] password = store.password().value().isEmpty() ? null : store.password().value().toCharArray();
    // without a type, try PKCS12, then JKS (a JKS file is also read by the JDK's PKCS12 loader's fallback)
    List<String> tried = type == null ? List.of("PKCS12", "JKS") : List.of(type.name());
    Exception last = null;
    for (String name : tried) {
      try (InputStream in = new ByteArrayInputStream(bytes)) {
        var keyStore = KeyStore.getInstance(name);
        keyStore.load(in, password);
        return keyStore;
      } catch (IOException | GeneralSecurityException e) {
        last = e;
      }
    }
    throw new ConfigException(store.key(), store.path().toString(), "cannot be loaded as " + String.join(" or ", tried)
        + " (" + (last.getCause() != null ? last.getCause().getMessage() : last.getMessage())
        + "): is the type or the password wrong?");
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    var keyStore = KeyStore.getInstance("PKCS12");
    try {
      keyStore.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return keyStore;
  }

  /** The PEM blocks of a file: label, then the DER bytes. */
  private record PemBlock(String label, byte[] der) {}

  private static List<PemBlock> pemBlocks(byte[] bytes) {
    var blocks = new ArrayList<PemBlock>();
    var matcher = PEM_BLOCK.matcher(new String(bytes, StandardCharsets.US_ASCII));
    while (matcher.find()) {
      String body = matcher.group(2).lines().filter(l -> !l.contains(":")).reduce("", String::concat);
      blocks.add(new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(body)));
    }
    return blocks;
  }

  private static List<Certificate> certificates(Store store, List<PemBlock> blocks) {
    var certificates = new ArrayList<Certificate>();
    try {
      var factory = CertificateFactory.getInstance("X.509");
      for (var block : blocks) {
        if (block.label().equals("CERTIFICATE") || block.label().equals("TRUSTED CERTIFICATE")) {
          certificates.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new ConfigException(store.key(), store.path().toString(), "holds a certificate that cannot be read ("
          + e.getMessage() + ")");
    }
    return certificates;
  }

  private static PrivateKey privateKey(Store store, List<PemBlock> blocks, Certificate certificate, char[] password) {
    for (var block : blocks) {
      switch (block.label()) {
        case "PRIVATE KEY":
          return pkcs8(store, block.der(), certificate);
        case "ENCRYPTED PRIVATE KEY":
          try {
            var encrypted = new EncryptedPrivateKeyInfo(block.der());
            // PBES2 (what openssl pkcs8 -topk8 writes) names its cipher in its parameters, e.g. PBEWithHmacSHA256AndAES_256
            String algorithm = encrypted.getAlgName().equals("PBES2") || encrypted.getAlgName().equals(PBES2_OID)
                ? encrypted.getAlgParameters().toString() : encrypted.getAlgName();
            var secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
            var cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, secret, encrypted.getAlgParameters());
            return pkcs8(store, encrypted.getKeySpec(cipher).getEncoded(), certificate);
          } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(store.key(), store.path().toString(), "its encrypted private key cannot be"
                + " decrypted with the key store's password (" + e.getMessage() + ")");
          }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY":
          throw new ConfigException(store.key(), store.path().toString(), "holds a " + block.label() + " (PKCS#1 or"
              + " SEC1); give the key in PKCS#8: openssl pkcs8 -topk8 -in <key> -out <key.pk8> (add -nocrypt for no"
              + " password)");
        default:
          break;
      }
    }
    throw new ConfigException(store.key(), store.path().toString(),
        "holds no private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(Store store, byte[] der, Certificate certificate) {
    String algorithm = certificate.getPublicKey().getAlgorithm();
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new ConfigException(store.key(), store.path().toString(), "its private key is no " + algorithm
          + " key in PKCS#8 matching the first certificate (" + e.getMessage() + ")");
    }
  }

  /** Empty, or one of the store types in any case. */
  private static final class TypeValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      String type = ((String) value).strip();
      if (!type.isEmpty() && !List.of("PEM", "JKS", "PKCS12").contains(type.toUpperCase(Locale.ROOT))) {
        throw new ConfigException(name, value, "allowed: " + this);
      }
    }

    @Override
    public String toString() {
      return "PEM, JKS, PKCS12 or empty";
    }
  }
}
