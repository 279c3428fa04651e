package org.citygate.gateway.journal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's MVStore (pure Java): one map position → payload; {@code commit()} then {@code sync()}
 * ({@code FileChannel.force}) per append or acknowledgement. Background auto-commit is off, so that
 * {@code commit()} writes synchronously; that also turns off its background compaction.
 */
final class MvStoreStore implements BenchStore {
  private final MVStore store;
  private final MVMap<Long, byte[]> map;
  private long next = 1;

  MvStoreStore(Path dir) throws Exception {
    Files.createDirectories(dir);
    store =
        new MVStore.Builder()
            .fileName(dir.resolve("bench.mv").toString())
            .autoCommitDisabled()
            .cacheSize(8)
            .open();
    map = store.openMap("records");
  }

  @Override
  public void append(List<byte[]> records) {
    for (byte[] r : records) {
      map.put(next++, r);
    }
    store.commit();
    store.sync();
  }

  @Override
  public int readAndAck(int max) {
    List<Long> keys = new ArrayList<>(max);
    Long first = map.firstKey();
    if (first == null) {
      return 0;
    }
    Iterator<Long> it = map.keyIterator(first);
    while (it.hasNext() && keys.size() < max) {
      Long k = it.next();
      map.get(k);
      keys.add(k);
    }
    for (Long k : keys) {
      map.remove(k);
    }
    store.commit();
    store.sync();
    return keys.size();
  }

  @Override
  public void close() {
    store.close();
  }
}
