package org.citygate.gateway.journal.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The hand-written candidate, as small as it can be while durable: append-only segment files of
 * frames {@code [u32 length][u32 crc32c][payload]}, {@code fdatasync} per append, a cursor file
 * rewritten and synced per acknowledgement, and whole segments deleted once read past. What it
 * leaves out (and a real one would need): recovery that scans for a torn tail, priority lanes,
 * per-record drops, and more than one consumer.
 */
final class SegmentLogStore implements BenchStore {
  private static final long SEGMENT_BYTES = 64L << 20;

  private final Path dir;
  private final FileChannel cursor;
  private FileChannel writer;
  private long writeSegment;
  private long writeOffset;
  private FileChannel reader;
  private long readSegment;
  private long readOffset;

  SegmentLogStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.cursor =
        FileChannel.open(
            dir.resolve("cursor"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    openWriter(0);
    reader = FileChannel.open(segment(0), StandardOpenOption.READ);
  }

  private Path segment(long n) {
    return dir.resolve(String.format("segment-%016d.log", n));
  }

  private void openWriter(long n) throws IOException {
    if (writer != null) {
      writer.close();
    }
    writer = FileChannel.open(segment(n), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writeSegment = n;
    writeOffset = 0;
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the new file's directory entry
    }
  }

  @Override
  public void append(List<byte[]> records) throws IOException {
    if (writeOffset >= SEGMENT_BYTES) {
      openWriter(writeSegment + 1);
    }
    int size = 0;
    for (byte[] r : records) {
      size += 8 + r.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    CRC32C crc = new CRC32C();
    for (byte[] r : records) {
      crc.reset();
      crc.update(r);
      buf.putInt(r.length).putInt((int) crc.getValue()).put(r);
    }
    buf.flip();
    while (buf.hasRemaining()) {
      writeOffset += writer.write(buf);
    }
    writer.force(false);
  }

  @Override
  public int readAndAck(int max) throws IOException {
    int n = 0;
    ByteBuffer header = ByteBuffer.allocate(8);
    while (n < max) {
      header.clear();
      if (reader.read(header, readOffset) < 8) {
        if (readSegment < writeSegment) {
          reader.close();
          Files.delete(segment(readSegment));
          readSegment++;
          readOffset = 0;
          reader = FileChannel.open(segment(readSegment), StandardOpenOption.READ);
          continue;
        }
        break;
      }
      header.flip();
      int length = header.getInt();
      int expected = header.getInt();
      ByteBuffer body = ByteBuffer.allocate(length);
      reader.read(body, readOffset + 8);
      CRC32C crc = new CRC32C();
      crc.update(body.array());
      if ((int) crc.getValue() != expected) {
        throw new IOException("bad frame at " + readOffset);
      }
      readOffset += 8 + length;
      n++;
    }
    if (n > 0) {
      ByteBuffer c = ByteBuffer.allocate(16).putLong(readSegment).putLong(readOffset);
      c.flip();
      cursor.write(c, 0);
      cursor.force(false);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    writer.close();
    reader.close();
    cursor.close();
  }
}
