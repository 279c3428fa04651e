package org.citygate.gateway.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's SQL: schema, pragmas and statements, on two connections to one SQLite file in WAL
 * mode. The writer connection is used only by the journal's writer thread (inside a transaction
 * that {@link #commit()} ends); the reader connection by {@link #readLane} and {@link
 * #firstAppendedAfter}, under the caller's lock.
 *
 * <pre>
 * record(key INTEGER PRIMARY KEY,     lane code &lt;&lt; 56 | position: the table is clustered by
 *        appended_at, received_at,    lane, then position, so reading, dropping and deleting a
 *        device_id, kind, payload,    lane's oldest records are range scans and no index is
 *        bytes)                       needed (one B-tree to write per commit, not two)
 * consumer(name PRIMARY KEY, fault, command, telemetry)       acknowledged cursors
 * meta(key PRIMARY KEY, value)        next_position, last_appended_at, records.N, bytes.N
 * PRAGMA user_version = 1
 * </pre>
 */
final class SqliteStore implements AutoCloseable {

  /** Version of the schema above, in {@code PRAGMA user_version}. */
  static final int SCHEMA_VERSION = 1;

  /** SQLite's default page size, which the journal keeps. */
  static final long PAGE_SIZE = 4096;

  /** SQLite's primary result code for "database or disk is full". */
  static final int SQLITE_FULL = 13;

  /** Positions take the key's low 56 bits: 7.2e16 of them, 2,000 years at a million a second. */
  static final long MAX_POSITION = (1L << 56) - 1;

  private static final String COLUMNS = "key, appended_at, received_at, device_id, kind, payload";
  private static final String INSERT =
      "INSERT INTO record (key, appended_at, received_at, device_id, kind, payload, bytes)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String OLDEST =
      "SELECT key, bytes, appended_at FROM record WHERE key > ? AND key <= ? ORDER BY key LIMIT ?";
  private static final String SIZE_UP_TO =
      "SELECT count(*), coalesce(sum(bytes), 0) FROM record WHERE key >= ? AND key <= ?";
  private static final String DELETE_UP_TO = "DELETE FROM record WHERE key >= ? AND key <= ?";
  private static final String MAX_KEY = "SELECT max(key) FROM record WHERE key >= ? AND key <= ?";
  private static final String SAVE_CURSOR =
      "INSERT OR REPLACE INTO consumer (name, fault, command, telemetry) VALUES (?, ?, ?, ?)";
  private static final String DELETE_CONSUMER = "DELETE FROM consumer WHERE name = ?";
  private static final String SAVE_META = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)";
  private static final String READ_LANE =
      "SELECT " + COLUMNS + " FROM record WHERE key > ? AND key <= ? ORDER BY key LIMIT ?";
  private static final String FIRST_AFTER =
      "SELECT appended_at FROM record WHERE key > ? AND key <= ? ORDER BY key LIMIT 1";

  private final Connection writer;
  private final Connection reader;
  private final Map<String, PreparedStatement> writerStatements = new HashMap<>();
  private final Map<String, PreparedStatement> readerStatements = new HashMap<>();

  private SqliteStore(Path file, long maxPageCount) throws SQLException {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    writer = DriverManager.getConnection(url);
    try {
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        expect(s, "PRAGMA journal_mode = WAL", "wal");
        // FULL: the WAL is fsync'ed at every commit, so a commit survives power loss (NORMAL
        // would survive kill -9 only). Not persistent: set on every open.
        s.execute("PRAGMA synchronous = FULL");
        expect(s, "PRAGMA synchronous", "2");
        s.execute("PRAGMA cache_size = -2048");
        // Keep up to 16 MiB of WAL allocated after a checkpoint, so that acknowledgements (which
        // free space) can still be written when the file system is full.
        s.execute("PRAGMA journal_size_limit = 16777216");
        if (maxPageCount > 0) {
          s.execute("PRAGMA max_page_count = " + maxPageCount);
        }
      }
      // Transactions are explicit (begin/commit/rollback below), not JDBC's autocommit switch:
      // SQLite rolls a transaction back by itself on SQLITE_FULL and some I/O errors, and the
      // driver's own bookkeeping would then run later statements outside any transaction.
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        createSchema(s);
        s.execute("COMMIT");
      }
      reader = DriverManager.getConnection(url);
      try (Statement s = reader.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
        s.execute("PRAGMA cache_size = -1024");
        s.execute("PRAGMA query_only = 1");
      }
    } catch (SQLException e) {
      writer.close();
      throw e;
    }
  }

  /** Opens or creates the store; {@code maxPageCount} above 0 caps the file (tests only). */
  static SqliteStore open(Path file, long maxPageCount) throws SQLException {
    return new SqliteStore(file, maxPageCount);
  }

  private static void createSchema(Statement s) throws SQLException {
    int version;
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new SQLException(
          "the journal was written by a newer Citygate (schema "
              + version
              + ", this one reads "
              + SCHEMA_VERSION
              + ")");
    }
    if (version == SCHEMA_VERSION) {
      return;
    }
    s.execute(
        "CREATE TABLE record ("
            + " key INTEGER PRIMARY KEY,"
            + " appended_at INTEGER NOT NULL,"
            + " received_at INTEGER NOT NULL,"
            + " device_id TEXT NOT NULL,"
            + " kind TEXT NOT NULL,"
            + " payload BLOB NOT NULL,"
            + " bytes INTEGER NOT NULL)");
    s.execute(
        "CREATE TABLE consumer (name TEXT PRIMARY KEY, fault INTEGER NOT NULL,"
            + " command INTEGER NOT NULL, telemetry INTEGER NOT NULL) WITHOUT ROWID");
    s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
    s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
  }

  private static void expect(Statement s, String sql, String want) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      String got = rs.next() ? rs.getString(1) : null;
      if (!want.equalsIgnoreCase(got)) {
        throw new SQLException(sql + " gave " + got + ", want " + want);
      }
    }
  }

  /** A prepared statement on the writer connection, prepared once and reused. */
  private PreparedStatement writerStatement(String sql) throws SQLException {
    return statement(writer, writerStatements, sql);
  }

  private PreparedStatement readerStatement(String sql) throws SQLException {
    return statement(reader, readerStatements, sql);
  }

  private static PreparedStatement statement(
      Connection connection, Map<String, PreparedStatement> cache, String sql) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  /**
   * Forgets prepared statements after a failure: the driver finalizes a statement that failed (e.g.
   * with SQLITE_FULL) without saying so, and reusing it fails with "statement is not executing".
   */
  private static void forget(Map<String, PreparedStatement> cache) {
    for (PreparedStatement ps : cache.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // already unusable
      }
    }
    cache.clear();
  }

  /** After a failed read: prepare the reader's statements again. */
  void resetReader() {
    forget(readerStatements);
  }

  // ---- writer connection: only on the writer thread, inside the open transaction ----

  /** The row key of {@code position} in {@code lane}. */
  static long key(Lane lane, long position) {
    return ((long) lane.code() << 56) | position;
  }

  private static long lastKey(Lane lane) {
    return key(lane, MAX_POSITION);
  }

  void insert(long position, Lane lane, long appendedAt, JournalRecord r, long bytes)
      throws SQLException {
    PreparedStatement insert = writerStatement(INSERT);
    insert.setLong(1, key(lane, position));
    insert.setLong(2, appendedAt);
    insert.setLong(3, r.receivedAtMillis());
    insert.setString(4, r.deviceId());
    insert.setString(5, r.kind());
    insert.setBytes(6, r.payloadUnsafe());
    insert.setLong(7, bytes);
    insert.executeUpdate();
  }

  /** The oldest records of a lane after {@code after}: {position, bytes, appended_at} each. */
  List<long[]> oldest(Lane lane, long after, int limit) throws SQLException {
    PreparedStatement oldest = writerStatement(OLDEST);
    oldest.setLong(1, key(lane, after));
    oldest.setLong(2, lastKey(lane));
    oldest.setInt(3, limit);
    List<long[]> rows = new ArrayList<>(limit);
    try (ResultSet rs = oldest.executeQuery()) {
      while (rs.next()) {
        rows.add(new long[] {rs.getLong(1) & MAX_POSITION, rs.getLong(2), rs.getLong(3)});
      }
    }
    return rows;
  }

  /** Deletes a lane's records at or before {@code position}; returns {count, bytes} deleted. */
  long[] deleteUpTo(Lane lane, long position) throws SQLException {
    PreparedStatement sizeUpTo = writerStatement(SIZE_UP_TO);
    sizeUpTo.setLong(1, key(lane, 0));
    sizeUpTo.setLong(2, key(lane, position));
    long count;
    long bytes;
    try (ResultSet rs = sizeUpTo.executeQuery()) {
      rs.next();
      count = rs.getLong(1);
      bytes = rs.getLong(2);
    }
    if (count > 0) {
      PreparedStatement deleteUpTo = writerStatement(DELETE_UP_TO);
      deleteUpTo.setLong(1, key(lane, 0));
      deleteUpTo.setLong(2, key(lane, position));
      deleteUpTo.executeUpdate();
    }
    return new long[] {count, bytes};
  }

  void saveCursor(String consumer, Cursor cursor) throws SQLException {
    PreparedStatement saveCursor = writerStatement(SAVE_CURSOR);
    saveCursor.setString(1, consumer);
    saveCursor.setLong(2, cursor.fault());
    saveCursor.setLong(3, cursor.command());
    saveCursor.setLong(4, cursor.telemetry());
    saveCursor.executeUpdate();
  }

  void deleteConsumer(String consumer) throws SQLException {
    PreparedStatement deleteConsumer = writerStatement(DELETE_CONSUMER);
    deleteConsumer.setString(1, consumer);
    deleteConsumer.executeUpdate();
  }

  void saveMeta(String key, long value) throws SQLException {
    PreparedStatement saveMeta = writerStatement(SAVE_META);
    saveMeta.setString(1, key);
    saveMeta.setLong(2, value);
    saveMeta.executeUpdate();
  }

  /** Starts the writer's transaction, taking SQLite's write lock at once. */
  void begin() throws SQLException {
    writerStatement("BEGIN IMMEDIATE").execute();
  }

  /** Commits the writer's transaction: with {@code synchronous = FULL}, after the WAL's fsync. */
  void commit() throws SQLException {
    writerStatement("COMMIT").execute();
  }

  /**
   * Rolls back the writer's transaction if one is still open (SQLite may have ended it), and
   * prepares the writer's statements again from now on.
   */
  void rollback() {
    forget(writerStatements);
    try {
      writerStatement("ROLLBACK").execute();
    } catch (SQLException e) {
      // "no transaction is active": SQLite already rolled it back
    }
  }

  Map<String, Cursor> loadCursors() throws SQLException {
    Map<String, Cursor> cursors = new LinkedHashMap<>();
    try (Statement s = writer.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT name, fault, command, telemetry FROM consumer ORDER BY name")) {
      while (rs.next()) {
        cursors.put(rs.getString(1), new Cursor(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return cursors;
  }

  Map<String, Long> loadMeta() throws SQLException {
    Map<String, Long> meta = new LinkedHashMap<>();
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, value FROM meta")) {
      while (rs.next()) {
        meta.put(rs.getString(1), rs.getLong(2));
      }
    }
    return meta;
  }

  /** The largest position in the table, or 0. */
  long maxPosition() throws SQLException {
    long max = 0;
    PreparedStatement maxKey = writerStatement(MAX_KEY);
    for (Lane lane : Lane.values()) {
      maxKey.setLong(1, key(lane, 0));
      maxKey.setLong(2, lastKey(lane));
      try (ResultSet rs = maxKey.executeQuery()) {
        if (rs.next()) {
          max = Math.max(max, rs.getLong(1) & MAX_POSITION);
        }
      }
    }
    return max;
  }

  /** Bytes in the database file's free pages (freed by deletions, reused before it grows). */
  long freeBytesInFile() throws SQLException {
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA freelist_count")) {
      return rs.next() ? rs.getLong(1) * PAGE_SIZE : 0;
    }
  }

  /** What one pragma reads back, e.g. {@code synchronous}: for tests and {@code doctor}. */
  String pragma(String name) throws SQLException {
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  // ---- reader connection: under the caller's lock ----

  /**
   * Up to {@code limit} records of a lane after {@code after}, stopping once {@code maxBytes} of
   * payload have been read (at least one record).
   */
  List<JournalEntry> readLane(Lane lane, long after, int limit, long maxBytes) throws SQLException {
    PreparedStatement readLane = readerStatement(READ_LANE);
    readLane.setLong(1, key(lane, after));
    readLane.setLong(2, lastKey(lane));
    readLane.setInt(3, limit);
    List<JournalEntry> entries = new ArrayList<>();
    long bytes = 0;
    try (ResultSet rs = readLane.executeQuery()) {
      while (rs.next()) {
        byte[] payload = rs.getBytes(6);
        entries.add(
            new JournalEntry(
                rs.getLong(1) & MAX_POSITION,
                rs.getLong(2),
                new JournalRecord(lane, rs.getString(4), rs.getLong(3), rs.getString(5), payload)));
        bytes += payload.length;
        if (bytes >= maxBytes) {
          break;
        }
      }
    }
    return entries;
  }

  /** When the first record of a lane after {@code after} was appended, or -1 if there is none. */
  long firstAppendedAfter(Lane lane, long after) throws SQLException {
    PreparedStatement firstAfter = readerStatement(FIRST_AFTER);
    firstAfter.setLong(1, key(lane, after));
    firstAfter.setLong(2, lastKey(lane));
    try (ResultSet rs = firstAfter.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      reader.close();
    } finally {
      rollback();
      writer.close();
    }
  }

  /** Whether {@code failure} (or a cause) is SQLite's or the OS's "disk full". */
  static boolean isDiskFull(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && (e.getErrorCode() & 0xff) == SQLITE_FULL) {
        return true;
      }
      String message = String.valueOf(t.getMessage());
      if (message.contains("SQLITE_FULL") || message.contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }
}
