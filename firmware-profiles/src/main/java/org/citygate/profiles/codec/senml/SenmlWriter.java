package org.citygate.profiles.codec.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/**
 * Writes SenML packs in JSON or CBOR (RFC 8428 §5, §6), for the simulator and the tests.
 *
 * <p>In CBOR, whole numbers that fit 64 bits are written as integers and other numbers as doubles,
 * which carry about 15 significant digits exactly; readers recover the decimal by its shortest
 * text. JSON numbers are written exactly.
 */
public final class SenmlWriter {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  private static final CBORFactory CBOR = CBORFactory.builder().build();

  private final boolean cbor;

  private SenmlWriter(boolean cbor) {
    this.cbor = cbor;
  }

  /** A writer for SenML JSON. */
  public static SenmlWriter json() {
    return new SenmlWriter(false);
  }

  /** A writer for SenML CBOR. */
  public static SenmlWriter cbor() {
    return new SenmlWriter(true);
  }

  /** Writes one pack. */
  public byte[] write(List<SenmlEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + entries.size() * 32);
    try (JsonGenerator gen = (cbor ? CBOR : JSON).createGenerator(out)) {
      gen.writeStartArray();
      for (SenmlEntry entry : entries) {
        gen.writeStartObject();
        if (entry.baseName().isPresent()) {
          label(gen, Label.BN);
          gen.writeString(entry.baseName().get());
        }
        if (entry.baseTime().isPresent()) {
          label(gen, Label.BT);
          number(gen, entry.baseTime().get());
        }
        label(gen, Label.N);
        gen.writeString(entry.name());
        if (entry.unit().isPresent()) {
          label(gen, Label.U);
          gen.writeString(entry.unit().get());
        }
        value(gen, entry.value());
        if (entry.time().isPresent()) {
          label(gen, Label.T);
          number(gen, entry.time().get());
        }
        gen.writeEndObject();
      }
      gen.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void value(JsonGenerator gen, SenmlValue value) throws IOException {
    if (value instanceof SenmlValue.Num n) {
      label(gen, Label.V);
      number(gen, n.value());
    } else if (value instanceof SenmlValue.Bool b) {
      label(gen, Label.VB);
      gen.writeBoolean(b.value());
    } else if (value instanceof SenmlValue.Str s) {
      label(gen, Label.VS);
      gen.writeString(s.value());
    } else if (value instanceof SenmlValue.Data d) {
      label(gen, Label.VD);
      if (cbor) {
        gen.writeBinary(d.value());
      } else {
        gen.writeString(Base64.getUrlEncoder().withoutPadding().encodeToString(d.value()));
      }
    }
  }

  private void label(JsonGenerator gen, Label label) throws IOException {
    if (cbor) {
      ((CBORGenerator) gen).writeFieldId(label.cbor);
    } else {
      gen.writeFieldName(label.json);
    }
  }

  private void number(JsonGenerator gen, BigDecimal value) throws IOException {
    if (!cbor) {
      gen.writeNumber(value);
      return;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
      gen.writeNumber(stripped.longValueExact());
    } else {
      gen.writeNumber(value.doubleValue());
    }
  }
}
