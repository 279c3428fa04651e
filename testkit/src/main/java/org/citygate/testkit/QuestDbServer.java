package org.citygate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real QuestDB for tests, as its own JVM: {@code java -cp questdb.jar io.questdb.ServerMain -d
 * DIR}, bound to free loopback ports. QuestDB accepts the InfluxDB line protocol on the InfluxDB v2
 * write endpoint, so influxdb-client-java writes to {@link #influxUrl()} as it would to InfluxDB;
 * rows read back with {@link #sql(String)}.
 *
 * <p>It takes 2–8 s to start and about 350 MB: share one per test class ({@code @BeforeAll}).
 * {@link #stop()} and {@link #start()} simulate an outage (same ports, same data).
 *
 * <p>QuestDB's caveats for the InfluxDB path: token, org and bucket are ignored (the measurement is
 * the table); nanosecond timestamps are stored as microseconds; a field type conflict is HTTP 400
 * and rolls back the whole request; a replay appends duplicate rows unless the table was created
 * with {@code DEDUP UPSERT KEYS} (see {@link #createTable}); tables are WAL tables, so a write is
 * visible to SQL a little later ({@link #awaitApplied}).
 */
public final class QuestDbServer implements AutoCloseable {
  /** The servers bind this address only. */
  public static final String HOST = "127.0.0.1";

  private static final int START_ATTEMPTS = 3;
  private static final long START_TIMEOUT_MILLIS = 60_000;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path log;
  private final int httpPort;
  private final int minHttpPort;
  private final int pgPort;
  private final int lineTcpPort;
  private final String maxHeap;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private ChildProcess process;

  private QuestDbServer(Path dir, String maxHeap) {
    this.dir = dir;
    this.log = dir.resolve("questdb.log");
    this.maxHeap = maxHeap;
    this.httpPort = FreePort.pick();
    this.minHttpPort = FreePort.pick();
    this.pgPort = FreePort.pick();
    this.lineTcpPort = FreePort.pick();
  }

  /** Launches QuestDB with a 256 MB heap (it works mostly off-heap). */
  public static QuestDbServer launch() {
    return launch("256m");
  }

  /**
   * Launches QuestDB in a new temp directory with {@code -Xmx<maxHeap>} and waits until it answers
   * SQL over HTTP.
   *
   * @throws IllegalStateException when it does not start; the message holds its log
   */
  public static QuestDbServer launch(String maxHeap) {
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      Path dir;
      try {
        dir = Files.createTempDirectory("citygate-questdb-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      QuestDbServer server = new QuestDbServer(dir, maxHeap);
      try {
        server.start();
        return server;
      } catch (IllegalStateException e) {
        server.close();
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  /** {@code http://127.0.0.1:PORT}: the URL for influxdb-client-java (v2 write API) and SQL. */
  public String influxUrl() {
    return "http://" + HOST + ":" + httpPort;
  }

  /** The HTTP port (InfluxDB v2 write endpoint, {@code /exec}, web console). */
  public int httpPort() {
    return httpPort;
  }

  /** The PostgreSQL wire protocol port (user {@code admin}, password {@code quest}). */
  public int pgPort() {
    return pgPort;
  }

  /** The database directory, kept across {@link #stop()} and {@link #start()}. */
  public Path dataDir() {
    return dir;
  }

  /** Whether the server process is running. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** QuestDB's log so far (the last 4,000 characters). */
  public synchronized String logTail() {
    return process == null ? "" : process.outputTail();
  }

  /** Starts the server on its ports with its data, if it is not running, and waits until ready. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QDB_HTTP_NET_BIND_TO", HOST + ":" + httpPort);
    env.put("QDB_HTTP_MIN_NET_BIND_TO", HOST + ":" + minHttpPort);
    env.put("QDB_PG_NET_BIND_TO", HOST + ":" + pgPort);
    env.put("QDB_LINE_TCP_NET_BIND_TO", HOST + ":" + lineTcpPort);
    env.put("QDB_LINE_UDP_ENABLED", "false");
    env.put("QDB_TELEMETRY_ENABLED", "false");
    ChildProcess started =
        ChildProcess.start(
            "QuestDB on port " + httpPort,
            List.of(
                java,
                "-Xmx" + maxHeap,
                "-XX:+UseSerialGC",
                "-cp",
                questDbJar().toString(),
                "io.questdb.ServerMain",
                "-d",
                dir.toString()),
            env,
            log);
    process = started;
    try {
      started.awaitReady(this::answers, START_TIMEOUT_MILLIS, "answer SQL over HTTP");
    } catch (IllegalStateException e) {
      started.kill();
      process = null;
      throw e;
    }
  }

  /** Stops the server (SIGTERM: QuestDB closes its tables) and keeps its data. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(30_000);
      process = null;
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public synchronized void close() {
    stop();
    ChildProcess.deleteTree(dir);
  }

  /**
   * Creates a WAL table for the InfluxDB measurement {@code name}: the given SYMBOL (tag) columns,
   * a designated {@code timestamp}, daily partitions and, so that a replayed point overwrites
   * instead of adding a row, {@code DEDUP UPSERT KEYS(timestamp, tags...)}. Field columns are added
   * by the first write.
   */
  public void createTable(String name, List<String> tagColumns) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS \"" + name + "\" (");
    for (String tag : tagColumns) {
      sql.append('"').append(tag).append("\" SYMBOL, ");
    }
    sql.append("timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL")
        .append(" DEDUP UPSERT KEYS(timestamp");
    for (String tag : tagColumns) {
      sql.append(", \"").append(tag).append('"');
    }
    sql.append(')');
    sql(sql.toString());
  }

  /**
   * Waits until every WAL table has applied what was written to it ({@code writerTxn ==
   * sequencerTxn}), so that SQL sees all acknowledged writes.
   *
   * @throws IllegalStateException when a table is suspended or the time is up
   */
  public void awaitApplied(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Map<String, Object>> tables =
          sql("SELECT name, suspended, writerTxn, sequencerTxn FROM wal_tables()");
      boolean applied = true;
      for (Map<String, Object> table : tables) {
        if (Boolean.TRUE.equals(table.get("suspended"))) {
          throw new IllegalStateException("QuestDB suspended WAL table " + table);
        }
        applied &= table.get("writerTxn").equals(table.get("sequencerTxn"));
      }
      if (applied) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "QuestDB WAL not applied within " + timeout + ": " + tables);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for QuestDB's WAL", e);
      }
    }
  }

  /**
   * Runs {@code query} over HTTP ({@code /exec}) and returns its rows, each a map from column name
   * to value (String, Integer/Long, Double, Boolean or null; timestamps as ISO-8601 text). A
   * statement without a result set (DDL, INSERT) returns no rows.
   *
   * @throws IllegalStateException with QuestDB's message when the query fails
   * @throws UncheckedIOException when the server cannot be reached
   */
  public List<Map<String, Object>> sql(String query) {
    JsonNode body = exec(query);
    List<Map<String, Object>> rows = new ArrayList<>();
    JsonNode columns = body.path("columns");
    for (JsonNode row : body.path("dataset")) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        values.put(
            columns.get(i).get("name").asText(), JSON.convertValue(row.get(i), Object.class));
      }
      rows.add(values);
    }
    return rows;
  }

  private JsonNode exec(String query) {
    HttpResponse<String> response;
    try {
      URI uri =
          new URI(influxUrl() + "/exec?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad query for a URL: " + query, e);
    } catch (IOException e) {
      throw new UncheckedIOException("QuestDB at " + influxUrl() + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + query, e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "QuestDB answered HTTP " + response.statusCode() + ", not JSON: " + response.body(), e);
    }
    if (response.statusCode() != 200 || body.has("error")) {
      throw new IllegalStateException(
          "QuestDB refused '" + query + "': HTTP " + response.statusCode() + " " + body);
    }
    return body;
  }

  private boolean answers() {
    try {
      exec("SELECT 1");
      return true;
    } catch (UncheckedIOException | IllegalStateException e) {
      return false;
    }
  }

  /** The QuestDB jar on this JVM's class path (a Maven dependency of the testkit). */
  static Path questDbJar() {
    java.security.CodeSource source =
        io.questdb.ServerMain.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalStateException("cannot tell which jar holds io.questdb.ServerMain");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("QuestDB jar at " + source.getLocation(), e);
    }
  }
}
