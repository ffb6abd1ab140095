package dev.denorm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test and a server certificate it signed for 127.0.0.1 and
 * localhost, in PKCS12 files: {@link #keystore()} (the server's key and its chain) and
 * {@link #truststore()} (the authority alone, what a client trusts). Made with the JDK's keytool,
 * so no library is needed; both stores have the password {@link #password()}.
 */
public final class BrokerCertificates {

  private static final String PASSWORD = "test-store-secret";
  private final Path keystore;
  private final Path truststore;

  private BrokerCertificates(Path keystore, Path truststore) {
    this.keystore = keystore;
    this.truststore = truststore;
  }

  /** Makes the authority, the server's key and certificate, and both stores in {@code dir}. */
  public static BrokerCertificates make(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    var ca = dir.resolve("ca.p12");
    var keystore = dir.resolve("server.keystore.p12");
    var truststore = dir.resolve("truststore.p12");
    var csr = dir.resolve("server.csr");
    var signed = dir.resolve("server.crt");
    var caCert = dir.resolve("ca.crt");
    String san = "SAN=ip:127.0.0.1,dns:localhost";
    // four rounds of keytool runs, those of a round at the same time (each is a JVM start)
    together(List.of("-genkeypair", "-alias", "ca", "-dname", "CN=denorm test CA", "-keyalg", "EC", "-groupname",
            "secp256r1", "-validity", "2", "-ext", "bc:c", "-keystore", ca.toString()),
        List.of("-genkeypair", "-alias", "server", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname", "secp256r1",
            "-validity", "2", "-ext", san, "-keystore", keystore.toString()));
    together(List.of("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCert.toString()),
        List.of("-certreq", "-alias", "server", "-keystore", keystore.toString(), "-file", csr.toString()));
    together(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
            "-outfile", signed.toString(), "-validity", "2", "-ext", san),
        // the authority in the server's store, so that its signed certificate below forms a chain
        List.of("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", keystore.toString()),
        List.of("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore", truststore.toString()));
    // the certificate the authority signed replaces the server's self-signed one
    together(List.of("-importcert", "-noprompt", "-alias", "server", "-file", signed.toString(),
        "-keystore", keystore.toString()));
    return new BrokerCertificates(keystore, truststore);
  }

  /** Runs keytool once per argument list, all at the same time; fails naming the first that failed. */
  @SafeVarargs
  private static void together(List<String>... runs) throws IOException, InterruptedException {
    var processes = new ArrayList<Process>();
    try {
      for (var args : runs) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-J-XX:TieredStopAtLevel=1"));
        command.addAll(args);
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        processes.add(process);
      }
      for (int i = 0; i < runs.length; i++) {
        var process = processes.get(i);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          throw new IOException("keytool did not end within 60 s: " + runs[i]);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IOException("keytool " + runs[i] + " failed (" + process.exitValue() + "): " + output);
        }
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  public Path keystore() {
    return keystore;
  }

  public Path truststore() {
    return truststore;
  }

  public String password() {
    return PASSWORD;
  }
}
