package dev.beamkit.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate it signed, made with the JDK's {@code keytool}
 * for servers that speak TLS on loopback: the Kafka broker (a PKCS12 key store) and Redis (PEM
 * certificate and key). Clients trust {@link #caCertificate()}; the server certificate names the
 * hosts it was made for, so a client checking host names refuses it for any other.
 *
 * @param directory where the files are
 * @param caCertificate the CA's certificate, PEM: what clients trust
 * @param keyStore the server's key and certificate chain, PKCS12, for Kafka
 * @param keyStorePassword the password of {@code keyStore} and its key
 * @param serverCertificate the server's certificate, PEM, for Redis
 * @param serverKey the server's private key, PEM (PKCS#8), for Redis
 */
public record TlsFiles(
    Path directory,
    Path caCertificate,
    Path keyStore,
    String keyStorePassword,
    Path serverCertificate,
    Path serverKey) {

  private static final int VALID_DAYS = 30;
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
  /** keytool reads the store password from this variable, not from its command line. */
  private static final String STOREPASS = "BEAMKIT_STOREPASS";

  /** The hosts a local server is reached by. */
  public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1");

  /**
   * Makes a new CA and a certificate signed by it for {@code hosts} (names, or IP addresses) in
   * {@code directory}.
   */
  public static TlsFiles create(Path directory, List<String> hosts) {
    Directories.create(directory);
    String password = SecretFiles.newPassword();
    Path ca = directory.resolve("ca.p12");
    Path caPem = directory.resolve("ca.pem");
    Path server = directory.resolve("server.p12");
    Path request = directory.resolve("server.csr");
    Path serverPem = directory.resolve("server.pem");
    keytool(password, "-genkeypair", "-keystore", ca, "-storetype", "PKCS12", "-storepass:env", STOREPASS, "-alias", "ca",
        "-dname", "CN=beamkit localstack CA " + UUID.randomUUID().toString().substring(0, 8), "-ext", "bc:c", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", VALID_DAYS);
    keytool(password, "-exportcert", "-keystore", ca, "-storepass:env", STOREPASS, "-alias", "ca", "-rfc", "-file", caPem);
    keytool(password, "-genkeypair", "-keystore", server, "-storetype", "PKCS12", "-storepass:env", STOREPASS,
        "-alias", "server", "-dname", "CN=" + hosts.get(0), "-keyalg", "RSA", "-keysize", "2048",
        "-validity", VALID_DAYS);
    keytool(password, "-certreq", "-keystore", server, "-storepass:env", STOREPASS, "-alias", "server", "-file", request);
    keytool(password, "-gencert", "-keystore", ca, "-storepass:env", STOREPASS, "-alias", "ca", "-infile", request,
        "-outfile", serverPem, "-rfc", "-validity", VALID_DAYS, "-ext", "SAN=" + subjectAltNames(hosts),
        "-ext", "EKU=serverAuth");
    keytool(password, "-importcert", "-keystore", server, "-storepass:env", STOREPASS, "-alias", "ca", "-file", caPem, "-noprompt");
    keytool(password, "-importcert", "-keystore", server, "-storepass:env", STOREPASS, "-alias", "server", "-file", serverPem);
    Path keyPem = writePrivateKey(server, password, directory.resolve("server-key.pem"));
    return new TlsFiles(directory, caPem, server, password, serverPem, keyPem);
  }

  private static String subjectAltNames(List<String> hosts) {
    List<String> names = new ArrayList<>();
    for (String host : hosts) {
      names.add((host.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + host);
    }
    return String.join(",", names);
  }

  /** keytool cannot export a private key; Redis needs it as PEM. */
  private static Path writePrivateKey(Path keyStore, String password, Path pem) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      Key key = store.getKey("server", password.toCharArray());
      String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
      Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n",
          StandardCharsets.US_ASCII);
      return pem;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not read the key of " + keyStore, e);
    }
  }

  private static void keytool(String password, Object... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put(STOREPASS, password);
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new ServerStartException("keytool " + args[0] + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted while running keytool", e);
    }
  }
}
