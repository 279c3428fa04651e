package org.citygate.gateway.journal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * SQLite through sqlite-jdbc, WAL mode, one table keyed by position, one transaction per append or
 * acknowledgement. {@code synchronous = FULL} fsyncs the WAL at every commit (survives power loss);
 * NORMAL only at checkpoints (survives kill -9, may lose the last commits on power loss), measured
 * to show what the fsync costs.
 */
final class RawSqliteStore implements BenchStore {
  private final Connection c;
  private final Statement s;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement delete;
  private long next = 1;

  RawSqliteStore(Path dir, String synchronous) throws Exception {
    Files.createDirectories(dir);
    c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bench.db"));
    s = c.createStatement();
    s.execute("PRAGMA journal_mode = WAL");
    s.execute("PRAGMA synchronous = " + synchronous);
    s.execute("PRAGMA cache_size = -2048");
    s.execute("CREATE TABLE IF NOT EXISTS record (position INTEGER PRIMARY KEY, payload BLOB)");
    insert = c.prepareStatement("INSERT INTO record (position, payload) VALUES (?, ?)");
    select = c.prepareStatement("SELECT position, payload FROM record ORDER BY position LIMIT ?");
    delete = c.prepareStatement("DELETE FROM record WHERE position <= ?");
  }

  @Override
  public void append(List<byte[]> records) throws SQLException {
    s.execute("BEGIN IMMEDIATE");
    for (byte[] r : records) {
      insert.setLong(1, next++);
      insert.setBytes(2, r);
      insert.executeUpdate();
    }
    s.execute("COMMIT");
  }

  @Override
  public int readAndAck(int max) throws SQLException {
    select.setInt(1, max);
    long last = 0;
    int n = 0;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        last = rs.getLong(1);
        rs.getBytes(2);
        n++;
      }
    }
    if (n > 0) {
      s.execute("BEGIN IMMEDIATE");
      delete.setLong(1, last);
      delete.executeUpdate();
      s.execute("COMMIT");
    }
    return n;
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
