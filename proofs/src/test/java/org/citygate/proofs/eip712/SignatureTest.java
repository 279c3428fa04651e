package org.citygate.proofs.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.junit.jupiter.api.Test;

class SignatureTest {
  private static final Secp256k1PrivateKey KEY = Secp256k1PrivateKey.fromHex(Secp256k1Test.DEV_KEY);
  private static final Bytes32 DIGEST = Bytes32.keccak(new byte[] {42});
  private static final Signature SIGNATURE = Secp256k1.sign(DIGEST, KEY);

  @Test
  void bytesAreRThenSThenV() {
    byte[] bytes = SIGNATURE.toBytes();
    assertEquals(65, bytes.length);
    assertArrayEquals(SIGNATURE.r().bytes(), Arrays.copyOfRange(bytes, 0, 32));
    assertArrayEquals(SIGNATURE.s().bytes(), Arrays.copyOfRange(bytes, 32, 64));
    assertEquals(SIGNATURE.v(), bytes[64]);
    assertEquals(SIGNATURE, Signature.fromHex(SIGNATURE.toHex()));
    assertEquals(SIGNATURE.toHex(), SIGNATURE.toString());
    assertEquals(132, SIGNATURE.toHex().length());
  }

  @Test
  void recoveryIdZeroOrOneIsAcceptedAndNormalised() {
    byte[] bytes = SIGNATURE.toBytes();
    bytes[64] = (byte) (SIGNATURE.v() - 27);
    Signature parsed = Signature.fromBytes(bytes);
    assertEquals(SIGNATURE, parsed);
    assertEquals(SIGNATURE.v(), parsed.v());
    assertEquals(SIGNATURE.v() - 27, parsed.recoveryId());
    assertEquals(KEY.address(), Secp256k1.recover(DIGEST, parsed));
  }

  @Test
  void otherVValuesAreRejected() {
    for (int v : new int[] {2, 3, 26, 29, 35, 255}) {
      byte[] bytes = SIGNATURE.toBytes();
      bytes[64] = (byte) v;
      InvalidSignatureException e =
          assertThrows(InvalidSignatureException.class, () -> Signature.fromBytes(bytes));
      assertTrue(e.getMessage().contains("v must be"), e.getMessage());
    }
    assertThrows(
        InvalidSignatureException.class, () -> new Signature(SIGNATURE.r(), SIGNATURE.s(), 0));
  }

  @Test
  void wrongLengthsAreRejected() {
    for (int length : new int[] {0, 1, 64, 66, 130}) {
      InvalidSignatureException e =
          assertThrows(
              InvalidSignatureException.class, () -> Signature.fromBytes(new byte[length]));
      assertTrue(e.getMessage().contains("wrong signature length " + length), e.getMessage());
    }
    assertThrows(InvalidSignatureException.class, () -> Signature.fromBytes(null));
    assertThrows(InvalidSignatureException.class, () -> Signature.fromHex("0x1234"));
    assertThrows(IllegalArgumentException.class, () -> Signature.fromHex("nothex"));
  }

  @Test
  void highSIsRejected() {
    BigInteger s = new BigInteger(1, SIGNATURE.s().bytes());
    byte[] bytes = SIGNATURE.toBytes();
    System.arraycopy(AbiWords.toWord(Secp256k1.N.subtract(s)), 0, bytes, 32, 32);
    bytes[64] = (byte) (SIGNATURE.v() == 27 ? 28 : 27); // the "malleated" twin
    InvalidSignatureException e =
        assertThrows(InvalidSignatureException.class, () -> Signature.fromBytes(bytes));
    assertTrue(e.getMessage().contains("high s"), e.getMessage());

    // n/2 itself is the largest s allowed; n/2 + 1 is the smallest refused.
    new Signature(SIGNATURE.r(), word(Secp256k1.HALF_N), 27);
    assertThrows(
        InvalidSignatureException.class,
        () -> new Signature(SIGNATURE.r(), word(Secp256k1.HALF_N.add(BigInteger.ONE)), 27));
  }

  @Test
  void zeroOrOutOfRangeComponentsAreRejected() {
    assertMessage("r is zero", Bytes32.ZERO, SIGNATURE.s());
    assertMessage("s is zero", SIGNATURE.r(), Bytes32.ZERO);
    assertMessage("r is not below", word(Secp256k1.N), SIGNATURE.s());
    assertMessage("r is not below", Bytes32.fromHex("0x" + "ff".repeat(32)), SIGNATURE.s());
    assertMessage("s is not below", SIGNATURE.r(), word(Secp256k1.N));
    assertThrows(InvalidSignatureException.class, () -> new Signature(null, SIGNATURE.s(), 27));
  }

  private static void assertMessage(String expected, Bytes32 r, Bytes32 s) {
    byte[] bytes = new byte[65];
    System.arraycopy(r.bytes(), 0, bytes, 0, 32);
    System.arraycopy(s.bytes(), 0, bytes, 32, 32);
    bytes[64] = 27;
    InvalidSignatureException e =
        assertThrows(InvalidSignatureException.class, () -> Signature.fromBytes(bytes));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertThrows(InvalidSignatureException.class, () -> Signature.fromHex(Hex.encode(bytes)));
  }

  private static Bytes32 word(BigInteger value) {
    return new Bytes32(AbiWords.toWord(value));
  }
}
