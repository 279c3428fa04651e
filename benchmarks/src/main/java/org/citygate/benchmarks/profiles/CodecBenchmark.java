package org.citygate.benchmarks.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.citygate.profiles.validate.ReadingOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode and validation rate per codec: {@code ReadingValidator.validate} on realistic payloads of
 * the built-in profiles, the gateway's whole per-payload path (decode, fields and ranges, sequence
 * unwrapping, canonical reading, signature, replay, clock skew, counters). Target (issue 3): at
 * least 300,000 readings/s on one core for SenML CBOR and SenML JSON without signatures.
 *
 * <p>Every payload carries one reading, so operations/s = readings/s. Each operation validates the
 * next of {@value CodecFixtures#PAYLOADS} pre-encoded payloads (16 devices, interleaved) against
 * the state its device had just before it (see {@link CodecFixtures}), so replay and counter checks
 * pass without any reset inside the measured operation, and an accepted outcome is checked.
 *
 * <ul>
 *   <li>{@code senmlCbor}: parking radar, SenML CBOR (occupied, battery, temperature, seq).
 *   <li>{@code senmlJson}: street light, SenML JSON (on, dim, power, energy counter, fault, seq).
 *   <li>{@code json}: PV inverter, JSON mapping, <em>unsigned variant</em> of the built-in profile
 *       (every built-in JSON-mapping profile is signed; see {@link
 *       CodecFixtures#unsignedPvInverter}).
 *   <li>{@code binary}: LoRaWAN parking sensor, 7-byte layout, 16-bit wrapping frame counter.
 *   <li>{@code jsonHmac}: the built-in PV inverter, HMAC-SHA256 over the canonical bytes.
 *   <li>{@code jsonEd25519}: smart meter, JSON mapping, Ed25519.
 *   <li>{@code senmlJsonEd25519}: mobility parking observation, SenML JSON, Ed25519.
 * </ul>
 *
 * <p>Baselines in the same run, on the same bytes: {@code treeCbor}, {@code treeSenmlJson}, {@code
 * treeJson}: a default Jackson mapper's {@code readTree} of the SenML CBOR, SenML JSON and PV
 * (unsigned) payloads, i.e. parsing without any of our checks; {@code rawEd25519}: BouncyCastle
 * Ed25519 verification of the smart meter readings' canonical bytes; {@code rawHmac}: BouncyCastle
 * HMAC-SHA256 of the PV readings' canonical bytes (key set per message, as per device).
 *
 * <p>Warm-up: 24 s. The JSON paths reach their steady rate after about 10 s of compilation on two
 * shared cores; the rest is margin.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 6, time = 2)
public class CodecBenchmark {
  private static final int MASK = CodecFixtures.PAYLOADS - 1;

  /** A case and the index of the next payload. */
  @State(Scope.Thread)
  public abstract static class Rotation {
    CodecFixtures.Case c;
    int next;

    abstract String profileId();

    /** Builds the case (encodes, signs and validates every payload once). */
    @Setup
    public void setUp() {
      c = CodecFixtures.forProfile(profileId());
      prepare();
    }

    /** Further set-up of a subclass, once the case is built. */
    void prepare() {}

    final int index() {
      return next++ & MASK;
    }

    final ReadingOutcome validateNext() {
      int i = index();
      ReadingOutcome outcome = c.validate(i);
      if (!(outcome instanceof ReadingOutcome.Accepted)) {
        throw new IllegalStateException("payload " + i + " rejected: " + outcome);
      }
      return outcome;
    }
  }

  /** Parking radar, SenML CBOR. */
  public static class Radar extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.RADAR;
    }
  }

  /** Street light, SenML JSON. */
  public static class Streetlight extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.STREETLIGHT;
    }
  }

  /** PV inverter without signature, JSON mapping. */
  public static class PvUnsigned extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.PV_UNSIGNED;
    }
  }

  /** PV inverter, JSON mapping, HMAC-SHA256. */
  public static class Pv extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.PV;
    }
  }

  /** LoRaWAN parking sensor, binary layout. */
  public static class Lorawan extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.LORAWAN;
    }
  }

  /** Smart meter, JSON mapping, Ed25519. */
  public static class Meter extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.METER;
    }
  }

  /** Mobility parking observation, SenML JSON, Ed25519. */
  public static class Mobility extends Rotation {
    @Override
    String profileId() {
      return CodecFixtures.MOBILITY;
    }
  }

  /** Default Jackson mappers for the parse-only baselines. */
  @State(Scope.Benchmark)
  public static class Mappers {
    final ObjectMapper json = new ObjectMapper();
    final CBORMapper cbor = new CBORMapper();
  }

  /** The smart meter's public keys as BouncyCastle parameters, for the raw verify baseline. */
  public static class MeterKeys extends Meter {
    Ed25519PublicKeyParameters[] publicKeys;

    /** Converts each payload's device key once, as the gateway's {@code DeviceKey} does. */
    @Override
    void prepare() {
      publicKeys = new Ed25519PublicKeyParameters[CodecFixtures.PAYLOADS];
      for (int i = 0; i < publicKeys.length; i++) {
        publicKeys[i] = new Ed25519PublicKeyParameters(c.keyBytes[i], 0);
      }
    }
  }

  /** The PV secrets, for the raw HMAC baseline. */
  public static class PvSecrets extends Pv {
    final HMac mac = new HMac(new SHA256Digest());
    final byte[] out = new byte[32];
    KeyParameter[] secrets;

    /** The per-device secrets as BouncyCastle parameters. */
    @Override
    void prepare() {
      secrets = new KeyParameter[CodecFixtures.PAYLOADS];
      for (int i = 0; i < secrets.length; i++) {
        secrets[i] = new KeyParameter(c.keyBytes[i]);
      }
    }
  }

  // --- decode + validate ---

  /** SenML CBOR, parking radar: decode + validate one reading. */
  @Benchmark
  public ReadingOutcome senmlCbor(Radar s) {
    return s.validateNext();
  }

  /** SenML JSON, street light: decode + validate one reading. */
  @Benchmark
  public ReadingOutcome senmlJson(Streetlight s) {
    return s.validateNext();
  }

  /** JSON mapping, PV inverter without signature: decode + validate one reading. */
  @Benchmark
  public ReadingOutcome json(PvUnsigned s) {
    return s.validateNext();
  }

  /** Binary layout, LoRaWAN parking: decode + validate one reading. */
  @Benchmark
  public ReadingOutcome binary(Lorawan s) {
    return s.validateNext();
  }

  /** JSON mapping + HMAC-SHA256, PV inverter: decode + validate + verify one reading. */
  @Benchmark
  public ReadingOutcome jsonHmac(Pv s) {
    return s.validateNext();
  }

  /** JSON mapping + Ed25519, smart meter: decode + validate + verify one reading. */
  @Benchmark
  public ReadingOutcome jsonEd25519(Meter s) {
    return s.validateNext();
  }

  /** SenML JSON + Ed25519, mobility observation: decode + validate + verify one reading. */
  @Benchmark
  public ReadingOutcome senmlJsonEd25519(Mobility s) {
    return s.validateNext();
  }

  // --- baselines ---

  /** Jackson alone: the radar's SenML CBOR bytes into a tree. */
  @Benchmark
  public JsonNode treeCbor(Radar s, Mappers m) throws IOException {
    return m.cbor.readTree(s.c.payloads[s.index()]);
  }

  /** Jackson alone: the street light's SenML JSON bytes into a tree. */
  @Benchmark
  public JsonNode treeSenmlJson(Streetlight s, Mappers m) throws IOException {
    return m.json.readTree(s.c.payloads[s.index()]);
  }

  /** Jackson alone: the unsigned PV inverter's JSON bytes into a tree. */
  @Benchmark
  public JsonNode treeJson(PvUnsigned s, Mappers m) throws IOException {
    return m.json.readTree(s.c.payloads[s.index()]);
  }

  /** BouncyCastle alone: Ed25519 verification of a smart meter reading's canonical bytes. */
  @Benchmark
  public boolean rawEd25519(MeterKeys s) {
    int i = s.index();
    byte[] message = s.c.messages[i];
    return s.publicKeys[i].verify(
        Ed25519.Algorithm.Ed25519, null, message, 0, message.length, s.c.signatures[i], 0);
  }

  /** BouncyCastle alone: HMAC-SHA256 of a PV reading's canonical bytes with its device secret. */
  @Benchmark
  public byte[] rawHmac(PvSecrets s) {
    int i = s.index();
    byte[] message = s.c.messages[i];
    s.mac.init(s.secrets[i]);
    s.mac.update(message, 0, message.length);
    s.mac.doFinal(s.out, 0);
    return s.out;
  }
}
