package org.citygate.gateway.journal.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB (JNI): 8-byte big-endian position keys; a {@code WriteBatch} written with {@code sync =
 * true} (WAL fsync) per append; acknowledgement by {@code deleteRange}, also synced. Sized for a
 * small board: 4 MiB memtables (two), 8 MiB block cache; otherwise defaults.
 */
final class RocksStore implements BenchStore {
  private final LRUCache cache;
  private final Options options;
  private final RocksDB db;
  private final WriteOptions sync;
  private long next = 1;
  private long firstUnacked = 1;

  RocksStore(Path dir) throws Exception {
    RocksDB.loadLibrary();
    Files.createDirectories(dir);
    cache = new LRUCache(8L << 20);
    options =
        new Options()
            .setCreateIfMissing(true)
            .setWriteBufferSize(4L << 20)
            .setMaxWriteBufferNumber(2)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
    db = RocksDB.open(options, dir.resolve("rocks").toString());
    sync = new WriteOptions().setSync(true);
  }

  private static byte[] key(long position) {
    return ByteBuffer.allocate(8).putLong(position).array();
  }

  @Override
  public void append(List<byte[]> records) throws Exception {
    try (WriteBatch batch = new WriteBatch()) {
      for (byte[] r : records) {
        batch.put(key(next++), r);
      }
      db.write(sync, batch);
    }
  }

  @Override
  public int readAndAck(int max) throws Exception {
    int n = 0;
    long last = firstUnacked - 1;
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(key(firstUnacked)); it.isValid() && n < max; it.next()) {
        last = ByteBuffer.wrap(it.key()).getLong();
        it.value();
        n++;
      }
    }
    if (n > 0) {
      db.deleteRange(sync, key(firstUnacked), key(last + 1));
      firstUnacked = last + 1;
    }
    return n;
  }

  @Override
  public void close() {
    sync.close();
    db.close();
    options.close();
    cache.close();
  }
}
