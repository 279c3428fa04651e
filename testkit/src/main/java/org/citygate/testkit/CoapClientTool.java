package org.citygate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libcoap's {@code coap-client} (Debian {@code libcoap3-bin}) as an independent CoAP peer: not
 * Californium, so a test that passes with it shows the gateway speaks CoAP, not just Californium.
 *
 * <p>Debian 12 installs the client as {@code coap-client-openssl}, {@code coap-client-gnutls} and
 * {@code coap-client-notls} (no plain {@code coap-client}); the first one found is used. Each
 * request runs the program once with verbosity 6, which prints every PDU; the response code is read
 * from the last response PDU and a success payload from the {@code -o} file.
 *
 * <pre>{@code
 * try (CoapClientTool coap = CoapClientTool.locate()) {
 *   CoapClientTool.Response r = coap.post(uri, cbor, CoapClientTool.APPLICATION_SENML_CBOR);
 *   assertEquals("2.04", r.code());
 * }
 * }</pre>
 */
public final class CoapClientTool implements AutoCloseable {
  /** Content format {@code text/plain;charset=utf-8}. */
  public static final int TEXT_PLAIN = 0;

  /** Content format {@code application/json}. */
  public static final int APPLICATION_JSON = 50;

  /** Content format {@code application/cbor}. */
  public static final int APPLICATION_CBOR = 60;

  /** Content format {@code application/senml+json}. */
  public static final int APPLICATION_SENML_JSON = 110;

  /** Content format {@code application/senml+cbor}. */
  public static final int APPLICATION_SENML_CBOR = 112;

  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  private static final Pattern RESPONSE_PDU =
      Pattern.compile("^v:1 t:(CON|NON|ACK|RST) c:([2-5])\\.(\\d\\d) .*$", Pattern.MULTILINE);

  private final Path binary;
  private final Path dir;
  private final AtomicLong counter = new AtomicLong();

  private CoapClientTool(Path binary, Path dir) {
    this.binary = binary;
    this.dir = dir;
  }

  /**
   * Finds the installed {@code coap-client}.
   *
   * @throws IllegalStateException when libcoap's client is not installed (run {@code
   *     tools/install.sh})
   */
  public static CoapClientTool locate() {
    Path binary =
        Binaries.require(
            "libcoap3-bin",
            "coap-client",
            "coap-client-openssl",
            "coap-client-gnutls",
            "coap-client-notls");
    try {
      return new CoapClientTool(binary, Files.createTempDirectory("citygate-coap-client-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The program in use. */
  public Path binary() {
    return binary;
  }

  /** POSTs {@code payload} with {@code contentFormat} (e.g. {@link #APPLICATION_SENML_CBOR}). */
  public Response post(URI uri, byte[] payload, int contentFormat) {
    return request("post", uri, payload, contentFormat, DEFAULT_WAIT, List.of());
  }

  /** PUTs {@code payload} with {@code contentFormat}. */
  public Response put(URI uri, byte[] payload, int contentFormat) {
    return request("put", uri, payload, contentFormat, DEFAULT_WAIT, List.of());
  }

  /** GETs {@code uri}. */
  public Response get(URI uri) {
    return request("get", uri, null, -1, DEFAULT_WAIT, List.of());
  }

  /**
   * Sends one request and waits up to {@code wait} for the response.
   *
   * @param method {@code get}, {@code post}, {@code put}, {@code delete}, ...
   * @param payload the body, or {@code null} for none
   * @param contentFormat the Content-Format number, or -1 for none
   * @param extraArgs more {@code coap-client} options, e.g. {@code -u IDENTITY -k KEY} for DTLS-PSK
   *     with a {@code coaps://} URI
   * @throws IllegalStateException when no response arrives in time; the message holds the
   *     transcript
   */
  public Response request(
      String method,
      URI uri,
      byte[] payload,
      int contentFormat,
      Duration wait,
      List<String> extraArgs) {
    long n = counter.incrementAndGet();
    Path out = dir.resolve("response-" + n);
    Path log = dir.resolve("transcript-" + n);
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of("-v", "6", "-m", method.toLowerCase(Locale.ROOT)));
    command.addAll(List.of("-B", Long.toString(Math.max(1, wait.toSeconds()))));
    command.addAll(List.of("-o", out.toString()));
    try {
      if (payload != null) {
        Path in = Files.write(dir.resolve("request-" + n), payload);
        command.addAll(List.of("-f", in.toString()));
      }
      if (contentFormat >= 0) {
        command.addAll(List.of("-t", Integer.toString(contentFormat)));
      }
      command.addAll(extraArgs);
      command.add(uri.toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(wait.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(binary.getFileName() + " hung: " + read(log));
      }
      String transcript = read(log);
      String code = null;
      Matcher matcher = RESPONSE_PDU.matcher(transcript);
      while (matcher.find()) {
        code = matcher.group(2) + "." + matcher.group(3);
      }
      if (code == null) {
        throw new IllegalStateException(
            "no CoAP response from " + uri + " within " + wait + ": " + transcript);
      }
      byte[] body = Files.exists(out) ? Files.readAllBytes(out) : errorPayload(code, transcript);
      return new Response(code, body, transcript);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + binary, e);
    }
  }

  private static byte[] errorPayload(String code, String transcript) {
    // coap-client prints an error response's payload as "4.00 text" (non-printables as '.')
    for (String line : transcript.split("\n", -1)) {
      if (line.startsWith(code + " ")) {
        return line.substring(code.length() + 1).getBytes(StandardCharsets.UTF_8);
      }
    }
    return new byte[0];
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.ISO_8859_1);
  }

  /** Deletes the payload and transcript files. */
  @Override
  public void close() {
    ChildProcess.deleteTree(dir);
  }

  /**
   * A CoAP response.
   *
   * @param code the response code as {@code "c.dd"}, e.g. {@code "2.04"} or {@code "4.00"}
   * @param payload the response payload (for 4.xx/5.xx as coap-client printed it: non-printable
   *     bytes as '.')
   * @param transcript everything coap-client printed, for failure messages
   */
  public record Response(String code, byte[] payload, String transcript) {
    /** Copies the payload. */
    public Response {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /** The payload as UTF-8 text. */
    public String payloadText() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** Whether the code is a success (2.xx). */
    public boolean isSuccess() {
      return code.startsWith("2.");
    }
  }
}
