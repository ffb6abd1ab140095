package dev.denorm.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The key material of a configured store, read from its file: trust managers from CA certificates,
 * key managers from a client certificate and its private key, in PEM (PKCS#8, plain or encrypted),
 * JKS or PKCS12. A store that cannot be used fails with a ConfigException naming its key.
 */
final class KeyMaterial {

  private KeyMaterial() {}

  private static final String PBES2_OID = "1.2.840.113549.1.5.13";
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  static TrustManager[] trustManagers(TlsSettings.Store store) throws GeneralSecurityException {
    byte[] bytes = read(store);
    KeyStore trusted;
    if (typeOf(store, bytes) == TlsSettings.StoreType.PEM) {
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

  static KeyManager[] keyManagers(TlsSettings.Store store) throws GeneralSecurityException {
    byte[] bytes = read(store);
    char[] password = store.password().value().toCharArray();
    KeyStore keys;
    if (typeOf(store, bytes) == TlsSettings.StoreType.PEM) {
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

  private static byte[] read(TlsSettings.Store store) {
    try {
      return Files.readAllBytes(store.path());
    } catch (IOException e) {
      throw new ConfigException(store.key(), store.path().toString(),
          "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  /** The configured type, else PEM for a text file of PEM blocks, else what the JDK detects (JKS or PKCS12). */
  private static TlsSettings.StoreType typeOf(TlsSettings.Store store, byte[] bytes) {
    if (store.type().isPresent()) {
      return store.type().get();
    }
    return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ") ? TlsSettings.StoreType.PEM : TlsSettings.StoreType.PKCS12;
  }

  private static KeyStore load(TlsSettings.Store store, byte[] bytes) throws GeneralSecurityException {
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

  private static List<Certificate> certificates(TlsSettings.Store store, List<PemBlock> blocks) {
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

  private static PrivateKey privateKey(TlsSettings.Store store, List<PemBlock> blocks, Certificate certificate, char[] password) {
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

  private static PrivateKey pkcs8(TlsSettings.Store store, byte[] der, Certificate certificate) {
    String algorithm = certificate.getPublicKey().getAlgorithm();
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new ConfigException(store.key(), store.path().toString(), "its private key is no " + algorithm
          + " key in PKCS#8 matching the first certificate (" + e.getMessage() + ")");
    }
  }
}
