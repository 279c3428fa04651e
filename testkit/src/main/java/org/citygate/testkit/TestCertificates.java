package org.citygate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority with a server certificate for {@code 127.0.0.1} and {@code
 * localhost}, and client certificates on request, made with the {@code openssl} command (EC P-256
 * keys, valid for a week) in a directory of their own.
 *
 * <p>Servers read the PEM files ({@link #caCertificate()}, {@link #serverCertificate()}, {@link
 * #serverKey()}); Java clients take an {@link SSLSocketFactory} that trusts the authority ({@link
 * #trustingSocketFactory()}) or also presents a client certificate ({@link
 * #clientSocketFactory(String)}).
 */
public final class TestCertificates {
  private static final String PKCS12_PASSWORD = "citygate-test";
  private static final String EC_KEY = "ec";
  private static final String CURVE = "ec_paramgen_curve:prime256v1";

  private final Path dir;
  private final Path openssl;

  private TestCertificates(Path dir, Path openssl) {
    this.dir = dir;
    this.openssl = openssl;
  }

  /**
   * Creates the authority and the server certificate in {@code dir} (created if missing).
   *
   * @throws IllegalStateException when {@code openssl} is missing (run {@code tools/install.sh}) or
   *     fails
   */
  public static TestCertificates create(Path dir) {
    Path openssl = Binaries.require("openssl", "openssl");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestCertificates certificates = new TestCertificates(dir, openssl);
    certificates.run(
        "req",
        "-x509",
        "-newkey",
        EC_KEY,
        "-pkeyopt",
        CURVE,
        "-nodes",
        "-days",
        "7",
        "-subj",
        "/CN=Citygate test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    certificates.issue(
        "server",
        "127.0.0.1",
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n" + "extendedKeyUsage=serverAuth\n");
    return certificates;
  }

  /** The directory holding the files. */
  public Path directory() {
    return dir;
  }

  /** The authority's certificate (PEM), for servers' {@code cafile} and clients' trust. */
  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  /** The server's certificate (PEM), for {@code 127.0.0.1} and {@code localhost}. */
  public Path serverCertificate() {
    return dir.resolve("server.crt");
  }

  /** The server's private key (PEM, unencrypted). */
  public Path serverKey() {
    return dir.resolve("server.key");
  }

  /**
   * Issues a client certificate whose subject is {@code CN=commonName} (MQTT brokers can use it as
   * the user name) and returns its PKCS#12 key store, made once per name.
   */
  public synchronized Path clientKeyStore(String commonName) {
    String base = "client-" + commonName.replaceAll("[^A-Za-z0-9_.-]", "_");
    Path p12 = dir.resolve(base + ".p12");
    if (!Files.exists(p12)) {
      issue(base, commonName, "extendedKeyUsage=clientAuth\n");
      run(
          "pkcs12",
          "-export",
          "-in",
          base + ".crt",
          "-inkey",
          base + ".key",
          "-name",
          "client",
          "-passout",
          "pass:" + PKCS12_PASSWORD,
          "-out",
          base + ".p12");
    }
    return p12;
  }

  /** A socket factory for clients that trust this authority only. */
  public SSLSocketFactory trustingSocketFactory() {
    return sslContext(null).getSocketFactory();
  }

  /** A socket factory that trusts this authority and presents a certificate for {@code CN}. */
  public SSLSocketFactory clientSocketFactory(String commonName) {
    return sslContext(clientKeyStore(commonName)).getSocketFactory();
  }

  /** An SSL context trusting this authority, with the client key store {@code p12} if not null. */
  public SSLContext sslContext(Path p12) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(caCertificate())) {
        Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
        trust.setCertificateEntry("citygate-test-ca", ca);
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      KeyManagerFactory keyManagers = null;
      if (p12 != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
          keys.load(in, PKCS12_PASSWORD.toCharArray());
        }
        keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PKCS12_PASSWORD.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          keyManagers == null ? null : keyManagers.getKeyManagers(),
          trustManagers.getTrustManagers(),
          null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an SSL context from " + dir + ": " + e, e);
    }
  }

  private void issue(String base, String commonName, String extensions) {
    try {
      Files.writeString(dir.resolve(base + ".ext"), extensions, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        "req",
        "-new",
        "-newkey",
        EC_KEY,
        "-pkeyopt",
        CURVE,
        "-nodes",
        "-subj",
        "/CN=" + commonName,
        "-keyout",
        base + ".key",
        "-out",
        base + ".csr");
    run(
        "x509",
        "-req",
        "-in",
        base + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "7",
        "-extfile",
        base + ".ext",
        "-out",
        base + ".crt");
  }

  private void run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(openssl.toString());
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl " + args[0] + " did not finish in 30 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl "
                + String.join(" ", args)
                + " failed: "
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + openssl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
