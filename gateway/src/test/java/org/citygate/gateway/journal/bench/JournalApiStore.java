package org.citygate.gateway.journal.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citygate.gateway.journal.AppendOutcome;
import org.citygate.gateway.journal.Journal;
import org.citygate.gateway.journal.JournalBatch;
import org.citygate.gateway.journal.JournalConfig;
import org.citygate.gateway.journal.JournalRecord;
import org.citygate.gateway.journal.Lane;

/**
 * The journal as built (SQLite, full schema, lanes, cursors, group commit) through its public API,
 * with one consumer: the price of everything on top of the raw SQLite candidate.
 */
final class JournalApiStore implements BenchStore {
  private final Journal journal;

  JournalApiStore(Path dir) {
    journal = Journal.open(JournalConfig.defaults(dir, List.of("influx")));
  }

  Journal journal() {
    return journal;
  }

  static JournalRecord record(byte[] payload) {
    return new JournalRecord(Lane.TELEMETRY, "bay-0042", 1_700_000_000_000L, "reading", payload);
  }

  @Override
  public void append(List<byte[]> records) {
    List<JournalRecord> batch = new ArrayList<>(records.size());
    for (byte[] r : records) {
      batch.add(record(r));
    }
    for (AppendOutcome outcome : journal.append(batch)) {
      if (!outcome.isAppended()) {
        throw new IllegalStateException("refused: " + outcome);
      }
    }
  }

  @Override
  public int readAndAck(int max) {
    JournalBatch batch = journal.read("influx", max);
    if (!batch.isEmpty()) {
      journal.ack("influx", batch.upTo());
    }
    return batch.size();
  }

  @Override
  public void close() {
    journal.close();
  }
}
