package dev.denorm.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by a test, written as files in the formats a user gives denorm: a CA; a server
 * certificate it signed for 127.0.0.1 and localhost; a client certificate it signed. Each store is
 * available as PEM, JKS and PKCS12 (the client's key also as an encrypted PKCS#8 PEM and, for the
 * refusal, as PKCS#1).
 */
public final class TestCertificates {

  /** The password of every JKS and PKCS12 store and of the encrypted PEM key. */
  public static final String PASSWORD = "changeit-42";
  public static final String CLIENT_NAME = "denorm-client";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final KeyPair serverKeys;
  private final X509Certificate server;
  private final KeyPair clientKeys;
  private final X509Certificate client;

  private TestCertificates(Path dir, String name) throws GeneralSecurityException, IOException {
    this.dir = Files.createDirectories(dir);
    this.name = name;
    caKeys = rsa();
    ca = certificate("CN=" + name + " test CA", caKeys, "CN=" + name + " test CA", caKeys, true, null);
    serverKeys = rsa();
    server = certificate("CN=127.0.0.1", serverKeys, "CN=" + name + " test CA", caKeys, false,
        new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
    clientKeys = rsa();
    client = certificate("CN=" + CLIENT_NAME, clientKeys, "CN=" + name + " test CA", caKeys, false, null);
  }

  /** A new CA with its server and client certificates, files under {@code dir}; {@code name} tells CAs apart. */
  public static TestCertificates create(Path dir, String name) {
    try {
      return new TestCertificates(dir, name);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  public X509Certificate clientCertificate() {
    return client;
  }

  /** The CA certificate as PEM. */
  public Path caPem() {
    return writePem("ca.pem", ca);
  }

  /** A trust store holding the CA, as JKS or PKCS12, with {@link #PASSWORD}. */
  public Path caStore(String type) {
    return store("ca." + type.toLowerCase(), type, keyStore -> keyStore.setCertificateEntry("ca", ca));
  }

  /** The client's key and certificate chain as JKS or PKCS12, with {@link #PASSWORD}. */
  public Path clientStore(String type) {
    return store("client." + type.toLowerCase(), type, keyStore -> keyStore.setKeyEntry("client",
        clientKeys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {client, ca}));
  }

  /** The client's PKCS#8 key, unencrypted, and its certificate chain in one PEM file. */
  public Path clientPem() {
    return writePem("client.pem", new Pkcs8Key(clientKeys, null), client, ca);
  }

  /** As {@link #clientPem()} with the key encrypted (PBES2, AES-256) under {@link #PASSWORD}. */
  public Path clientEncryptedPem() {
    return writePem("client-encrypted.pem", new Pkcs8Key(clientKeys, PASSWORD), client, ca);
  }

  /** The client's key as PKCS#1 (BEGIN RSA PRIVATE KEY), which denorm refuses, saying how to convert it. */
  public Path clientPkcs1Pem() {
    return writePem("client-pkcs1.pem", clientKeys, client);
  }

  /** The server side: the server certificate, trusting this CA for client certificates. */
  public SSLContext serverContext() {
    try {
      var keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {server, ca});
      var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, PASSWORD.toCharArray());
      var trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", ca);
      var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);
      var context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Filler {
    void fill(KeyStore store) throws GeneralSecurityException;
  }

  private Path store(String file, String type, Filler filler) {
    try {
      var keyStore = KeyStore.getInstance(type);
      keyStore.load(null, null);
      filler.fill(keyStore);
      Path path = dir.resolve(name + "-" + file);
      try (OutputStream out = Files.newOutputStream(path)) {
        keyStore.store(out, PASSWORD.toCharArray());
      }
      return path;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PKCS#8 private key to write, encrypted under a password or not. */
  private record Pkcs8Key(KeyPair keys, String password) {}

  private Path writePem(String file, Object... objects) {
    var text = new StringWriter();
    try (var pem = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof Pkcs8Key holder) {
          var encryptor = holder.password() == null ? null
              : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                  .setPRF(PKCS8Generator.PRF_HMACSHA256).setProvider(new BouncyCastleProvider()).setPassword(holder.password().toCharArray()).build();
          pem.writeObject(new JcaPKCS8Generator(holder.keys().getPrivate(), encryptor));
        } else if (object instanceof KeyPair pair) {
          pem.writeObject(new JcaMiscPEMGenerator(pair.getPrivate()));
        } else {
          pem.writeObject(object);
        }
      }
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
    try {
      return Files.writeString(dir.resolve(name + "-" + file), text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
      boolean isCa, GeneralNames alternativeNames) throws GeneralSecurityException, IOException {
    var now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject),
        subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    }
    if (alternativeNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
    }
    try {
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
