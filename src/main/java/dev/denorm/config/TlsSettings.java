package dev.denorm.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
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
      context.init(keyStore.isEmpty() ? null : KeyMaterial.keyManagers(keyStore.get()),
          trustStore.isEmpty() ? null : KeyMaterial.trustManagers(trustStore.get()), null);
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
