package org.citygate.gateway.journal.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * What {@link JournalStoreBench} measures in each candidate store: durable appends of a group of
 * records (one commit, one {@code fsync}), and a consumer reading the oldest records and durably
 * deleting them (an acknowledgement).
 */
interface BenchStore extends AutoCloseable {

  /** Appends {@code records} and returns only once they are on disk. */
  void append(List<byte[]> records) throws Exception;

  /**
   * Reads up to {@code max} of the oldest records, then durably deletes them; returns how many (0
   * when empty).
   */
  int readAndAck(int max) throws Exception;

  @Override
  void close() throws IOException, SQLException;

  /** The candidates, by name. */
  static BenchStore open(String name, Path dir) throws Exception {
    return switch (name) {
      case "segment-log" -> new SegmentLogStore(dir);
      case "sqlite-full" -> new RawSqliteStore(dir, "FULL");
      case "sqlite-normal" -> new RawSqliteStore(dir, "NORMAL");
      case "mvstore" -> new MvStoreStore(dir);
      case "rocksdb" -> new RocksStore(dir);
      case "journal" -> new JournalApiStore(dir);
      default -> throw new IllegalArgumentException("unknown store " + name);
    };
  }
}
