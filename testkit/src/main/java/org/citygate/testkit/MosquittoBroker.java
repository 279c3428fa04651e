package org.citygate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Mosquitto 2 broker for tests: {@code mosquitto -c CONF} as a child process on a free
 * loopback port, with its own configuration, persistence directory and log in a temp directory.
 *
 * <p>The generated configuration raises Mosquitto's queue limits ({@code max_queued_messages},
 * {@code max_inflight_messages}): with the defaults a fast QoS 1 stream towards a subscriber that
 * acknowledges late loses messages silently. Persistence is on, so a {@link #restart()} (or {@link
 * #stop()} then {@link #start()}) keeps persistent sessions and their queued QoS 1 messages;
 * Mosquitto saves its state when it is stopped (SIGTERM), not when it is {@linkplain #kill()
 * killed}, unless {@code autosave_interval} says otherwise.
 *
 * <pre>{@code
 * try (MosquittoBroker broker = MosquittoBroker.builder().user("gw", "secret").launch()) {
 *   client = new MqttClient(broker.serverUri(), "gateway", new MemoryPersistence());
 * }
 * }</pre>
 *
 * <p>Started as root, Mosquitto switches to the {@code mosquitto} user before it reads password,
 * ACL and key files and writes its persistence: the broker's files are then given to group {@code
 * mosquitto} (files 0640, directories 0770).
 */
public final class MosquittoBroker implements AutoCloseable {
  /** The broker binds this address only. */
  public static final String HOST = "127.0.0.1";

  private static final int START_ATTEMPTS = 3;
  private static final long START_TIMEOUT_MILLIS = 10_000;

  private final Builder settings;
  private final Path dir;
  private final Path config;
  private final Path log;
  private final int port;
  private ChildProcess process;

  private MosquittoBroker(Builder settings, Path dir, int port) {
    this.settings = settings;
    this.dir = dir;
    this.config = dir.resolve("mosquitto.conf");
    this.log = dir.resolve("mosquitto.log");
    this.port = port;
  }

  /** Launches a broker with the defaults: anonymous clients allowed, plain MQTT, high limits. */
  public static MosquittoBroker launch() {
    return builder().launch();
  }

  /** Options: users, TLS, ACLs, limits, extra configuration lines. */
  public static Builder builder() {
    return new Builder();
  }

  /** Always {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /** The listener's port; the same across {@link #restart()}. */
  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:PORT}, or {@code ssl://...} with TLS: Paho's server URI. */
  public String serverUri() {
    return (settings.certificates == null ? "tcp://" : "ssl://") + HOST + ":" + port;
  }

  /** The certificates of a TLS listener, if it has one. */
  public Optional<TestCertificates> certificates() {
    return Optional.ofNullable(settings.certificates);
  }

  /** The generated configuration file. */
  public Path configFile() {
    return config;
  }

  /** The persistence directory ({@code mosquitto.db}), kept across restarts. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** Whether the broker process is running. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The broker's log so far (the last 4,000 characters). */
  public synchronized String logTail() {
    return process == null ? "" : process.outputTail();
  }

  /**
   * Starts the broker again on the same port with the same data, after {@link #stop()} or {@link
   * #kill()}; does nothing when it runs.
   */
  public synchronized void start() {
    if (!isRunning()) {
      spawn();
    }
  }

  /** Stops the broker gracefully (SIGTERM): it saves its persistence first. Keeps its data. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(10_000);
      process = null;
    }
  }

  /**
   * Kills the broker (SIGKILL), as a crash would: what it had not saved is lost. Keeps its data.
   */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  /** {@link #stop()} then {@link #start()}: same port, same persistence. */
  public synchronized void restart() {
    stop();
    spawn();
  }

  /** Stops the broker and deletes its directory. */
  @Override
  public synchronized void close() {
    stop();
    ChildProcess.deleteTree(dir);
  }

  private void spawn() {
    Path binary = Binaries.require("mosquitto", "mosquitto");
    process =
        ChildProcess.start(
            "mosquitto on port " + port,
            List.of(binary.toString(), "-c", config.toString()),
            Map.of(),
            log);
    ChildProcess started = process;
    try {
      started.awaitReady(this::accepting, START_TIMEOUT_MILLIS, "accept connections");
    } catch (IllegalStateException e) {
      started.kill();
      process = null;
      throw e;
    }
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void writeFiles() throws IOException {
    Files.createDirectories(dataDir());
    List<String> lines = new ArrayList<>();
    lines.add("# generated by org.citygate.testkit.MosquittoBroker");
    lines.add("listener " + port + " " + HOST);
    lines.add("allow_anonymous " + settings.allowAnonymous);
    lines.add("persistence true");
    lines.add("persistence_location " + dataDir() + "/");
    lines.add("max_queued_messages " + settings.maxQueuedMessages);
    lines.add("max_inflight_messages " + settings.maxInflightMessages);
    lines.add("set_tcp_nodelay true");
    lines.add("log_dest stderr");
    if (!settings.users.isEmpty()) {
      Path passwords = dir.resolve("passwords");
      Files.writeString(passwords, "");
      for (Map.Entry<String, String> user : settings.users.entrySet()) {
        runPasswd(passwords, user.getKey(), user.getValue());
      }
      lines.add("password_file " + passwords);
    }
    if (!settings.acl.isEmpty()) {
      Path acl = dir.resolve("acl");
      Files.write(acl, settings.acl, StandardCharsets.UTF_8);
      lines.add("acl_file " + acl);
    }
    if (settings.certificates != null) {
      TestCertificates tls = settings.certificates;
      Path tlsDir = dir.resolve("tls");
      Files.createDirectories(tlsDir);
      Path ca = Files.copy(tls.caCertificate(), tlsDir.resolve("ca.crt"));
      Path cert = Files.copy(tls.serverCertificate(), tlsDir.resolve("server.crt"));
      Path key = Files.copy(tls.serverKey(), tlsDir.resolve("server.key"));
      lines.add("cafile " + ca);
      lines.add("certfile " + cert);
      lines.add("keyfile " + key);
      if (settings.requireClientCertificate) {
        lines.add("require_certificate true");
        lines.add("use_identity_as_username true");
      }
    }
    lines.addAll(settings.extraLines);
    Files.write(config, lines, StandardCharsets.UTF_8);
    List<String> userLines = MosquittoUser.share(dir);
    if (!userLines.isEmpty()) {
      Files.write(config, userLines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  private void runPasswd(Path file, String user, String password) throws IOException {
    Path binary = Binaries.require("mosquitto", "mosquitto_passwd");
    Process passwd =
        new ProcessBuilder(binary.toString(), "-b", file.toString(), user, password)
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(passwd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (passwd.waitFor() != 0) {
        throw new IllegalStateException("mosquitto_passwd failed for " + user + ": " + output);
      }
    } catch (InterruptedException e) {
      passwd.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running mosquitto_passwd", e);
    }
  }

  /** The access an ACL line grants. */
  public enum Access {
    READ("read"),
    WRITE("write"),
    READWRITE("readwrite");

    private final String word;

    Access(String word) {
      this.word = word;
    }
  }

  /** Broker options; {@link #launch()} writes the files and starts the broker. */
  public static final class Builder {
    private boolean allowAnonymous = true;
    private boolean anonymousSet;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<String> acl = new ArrayList<>();
    private final List<String> aclAnonymous = new ArrayList<>();
    private TestCertificates certificates;
    private boolean requireClientCertificate;
    private int maxQueuedMessages = 1_000_000;
    private int maxInflightMessages = 1_000;
    private final List<String> extraLines = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a user with a password (in a {@code mosquitto_passwd} file); anonymous clients are then
     * refused unless {@link #allowAnonymous(boolean)} says otherwise.
     */
    public Builder user(String name, String password) {
      users.put(name, password);
      if (!anonymousSet) {
        allowAnonymous = false;
      }
      return this;
    }

    /** Whether clients without a user name may connect (default: yes, unless users are added). */
    public Builder allowAnonymous(boolean allow) {
      allowAnonymous = allow;
      anonymousSet = true;
      return this;
    }

    /**
     * Grants {@code user} {@code access} to {@code topic} (MQTT wildcards allowed). Once any ACL is
     * given, everything not granted is denied.
     */
    public Builder acl(String user, Access access, String topic) {
      acl.add("user " + user);
      acl.add("topic " + access.word + " " + topic);
      return this;
    }

    /** Grants every client {@code access} to {@code pattern}, where {@code %u} is the user name. */
    public Builder aclPattern(Access access, String pattern) {
      acl.add("pattern " + access.word + " " + pattern);
      return this;
    }

    /** Grants anonymous clients {@code access} to {@code topic}. */
    public Builder aclAnonymous(Access access, String topic) {
      aclAnonymous.add("topic " + access.word + " " + topic);
      return this;
    }

    /** A TLS listener (instead of plain MQTT) with the server certificate of {@code tls}. */
    public Builder tls(TestCertificates tls) {
      certificates = tls;
      return this;
    }

    /**
     * With {@link #tls}: clients must present a certificate from the same authority, and its common
     * name becomes their user name (mutual TLS).
     */
    public Builder requireClientCertificate() {
      requireClientCertificate = true;
      return this;
    }

    /** Mosquitto's per-client queue limit (default here 1,000,000; Mosquitto's own: 1,000). */
    public Builder maxQueuedMessages(int limit) {
      maxQueuedMessages = limit;
      return this;
    }

    /** Mosquitto's per-client in-flight window (default here 1,000; Mosquitto's own: 20). */
    public Builder maxInflightMessages(int limit) {
      maxInflightMessages = limit;
      return this;
    }

    /** Appends a raw configuration line, e.g. {@code "autosave_interval 1"}. */
    public Builder config(String line) {
      extraLines.add(line);
      return this;
    }

    /**
     * Writes the configuration and launches the broker on a free port (trying another port if the
     * chosen one was taken meanwhile).
     *
     * @throws IllegalStateException when Mosquitto is not installed (run {@code tools/install.sh})
     *     or does not start; the message holds its log
     */
    public MosquittoBroker launch() {
      if (requireClientCertificate && certificates == null) {
        throw new IllegalStateException("requireClientCertificate() needs tls(...)");
      }
      if (!aclAnonymous.isEmpty()) {
        acl.addAll(0, aclAnonymous);
        aclAnonymous.clear();
      }
      Binaries.require("mosquitto", "mosquitto");
      IllegalStateException failure = null;
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        Path dir;
        try {
          dir = Files.createTempDirectory("citygate-mosquitto-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        MosquittoBroker broker = new MosquittoBroker(this, dir, FreePort.pick());
        try {
          broker.writeFiles();
          broker.spawn();
          return broker;
        } catch (IOException e) {
          broker.close();
          throw new UncheckedIOException("cannot write the broker's files in " + dir, e);
        } catch (IllegalStateException e) {
          broker.close();
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      throw failure;
    }
  }
}
