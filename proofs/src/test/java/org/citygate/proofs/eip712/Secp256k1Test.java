package org.citygate.proofs.eip712;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;
import org.junit.jupiter.api.Test;

class Secp256k1Test {
  /** anvil / hardhat account 0 (mnemonic "test test ... junk"). */
  static final String DEV_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  static final String DEV_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

  @Test
  void devKeysDeriveTheirWellKnownAddresses() {
    assertEquals(DEV_ADDRESS, Secp256k1PrivateKey.fromHex(DEV_KEY).address().toString());
    assertEquals(
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        Secp256k1PrivateKey.fromHex(
                "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")
            .address()
            .toString());
    assertEquals(
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
        Secp256k1PrivateKey.of(BigInteger.ONE).address().toString());
  }

  @Test
  void addressOfMatchesThePrivateKeysAddress() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromHex(DEV_KEY);
    assertEquals(key.address(), Secp256k1.addressOf(key.publicKey()));
    assertThrows(
        IllegalArgumentException.class,
        () -> Secp256k1.addressOf(Secp256k1.G.getCurve().getInfinity()));
  }

  /** EIP-712's own example: key keccak256("cow") signs the Mail digest (eth_signTypedData). */
  @Test
  void eip712SpecExampleSignature() {
    Secp256k1PrivateKey cow =
        Secp256k1PrivateKey.of(
            new BigInteger(1, Keccak256.hash("cow".getBytes(StandardCharsets.US_ASCII))));
    assertEquals("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", cow.address().toString());
    Bytes32 digest =
        Bytes32.fromHex("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    Signature signature = Secp256k1.sign(digest, cow);
    assertEquals(28, signature.v());
    assertEquals(
        Bytes32.fromHex("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"),
        signature.r());
    assertEquals(
        Bytes32.fromHex("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"),
        signature.s());
    assertEquals(cow.address(), Secp256k1.recover(digest, signature));
  }

  /** The widely used RFC 6979 secp256k1 vector: key 1, SHA-256("Satoshi Nakamoto"). */
  @Test
  void rfc6979KnownAnswer() throws Exception {
    Bytes32 digest =
        new Bytes32(
            MessageDigest.getInstance("SHA-256")
                .digest("Satoshi Nakamoto".getBytes(StandardCharsets.US_ASCII)));
    Signature signature = Secp256k1.sign(digest, Secp256k1PrivateKey.of(BigInteger.ONE));
    assertEquals(
        Bytes32.fromHex("0x934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"),
        signature.r());
    assertEquals(
        Bytes32.fromHex("0x2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5"),
        signature.s());
  }

  @Test
  void signingIsDeterministic() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromHex(DEV_KEY);
    Bytes32 digest = Bytes32.keccak("batch".getBytes(StandardCharsets.US_ASCII));
    Signature first = Secp256k1.sign(digest, key);
    assertEquals(first, Secp256k1.sign(digest, key));
    assertEquals(first, Secp256k1.sign(digest, Secp256k1PrivateKey.fromHex(DEV_KEY)));
    assertNotEquals(first, Secp256k1.sign(Bytes32.ZERO, key));
  }

  @Test
  void signThenRecoverRoundTripsWithLowS() {
    Random random = new Random(20240611L);
    SecureRandom keys = deterministicRandom(random);
    boolean sawV27 = false;
    boolean sawV28 = false;
    for (int i = 0; i < 200; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(keys);
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      Bytes32 digest = new Bytes32(raw);
      Signature signature = Secp256k1.sign(digest, key);
      assertTrue(new BigInteger(1, signature.s().bytes()).compareTo(Secp256k1.HALF_N) <= 0);
      assertEquals(key.address(), Secp256k1.recover(digest, signature), "case " + i);
      Signature reparsed = Signature.fromBytes(signature.toBytes());
      assertEquals(signature, reparsed);
      assertEquals(key.address(), Secp256k1.recover(digest, reparsed));
      sawV27 |= signature.v() == 27;
      sawV28 |= signature.v() == 28;
    }
    assertTrue(sawV27 && sawV28, "both recovery ids should occur in 200 signatures");
  }

  @Test
  void digestsNearTheOrderAndZeroStillRoundTrip() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromHex(DEV_KEY);
    for (Bytes32 digest :
        new Bytes32[] {
          Bytes32.ZERO,
          new Bytes32(AbiWords.toWord(Secp256k1.N)),
          new Bytes32(AbiWords.toWord(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)))
        }) {
      assertEquals(key.address(), Secp256k1.recover(digest, Secp256k1.sign(digest, key)));
    }
  }

  @Test
  void tamperedDigestOrSignatureDoesNotRecoverTheSigner() {
    Random random = new Random(7);
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromHex(DEV_KEY);
    for (int i = 0; i < 20; i++) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      Bytes32 digest = new Bytes32(raw);
      Signature signature = Secp256k1.sign(digest, key);

      byte[] otherDigest = digest.bytes();
      otherDigest[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
      assertNotSigner(key, new Bytes32(otherDigest), signature.toBytes());

      byte[] flippedV = signature.toBytes();
      flippedV[64] = (byte) (flippedV[64] == 27 ? 28 : 27);
      assertNotSigner(key, digest, flippedV);

      for (int component = 0; component < 2; component++) {
        byte[] flipped = signature.toBytes();
        flipped[component * 32 + random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
        assertNotSigner(key, digest, flipped);
      }
    }
  }

  private static void assertNotSigner(Secp256k1PrivateKey key, Bytes32 digest, byte[] sig) {
    Signature signature;
    try {
      signature = Signature.fromBytes(sig);
    } catch (InvalidSignatureException e) {
      return; // e.g. a flipped bit made s high: refused outright
    }
    try {
      assertNotEquals(key.address(), Secp256k1.recover(digest, signature));
    } catch (InvalidSignatureException e) {
      // no key recovers: also not the signer
    }
  }

  @Test
  void recoverFailsWhenRIsNotAnXCoordinate() {
    Bytes32 digest = Bytes32.keccak(new byte[] {1});
    Bytes32 s = new Bytes32(AbiWords.toWord(BigInteger.ONE));
    boolean failed = false;
    for (int r = 1; r < 50 && !failed; r++) {
      Signature signature =
          new Signature(new Bytes32(AbiWords.toWord(BigInteger.valueOf(r))), s, 27);
      try {
        Secp256k1.recover(digest, signature);
      } catch (InvalidSignatureException e) {
        assertTrue(e.getMessage().contains("no public key recovers"), e.getMessage());
        failed = true;
      }
    }
    assertTrue(failed, "about half of all r values are not x coordinates");
  }

  @Test
  void privateKeyRangeAndParsing() {
    assertThrows(IllegalArgumentException.class, () -> Secp256k1PrivateKey.of(BigInteger.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Secp256k1PrivateKey.of(Secp256k1.N));
    assertThrows(
        IllegalArgumentException.class, () -> Secp256k1PrivateKey.of(BigInteger.valueOf(-1)));
    Secp256k1PrivateKey.of(Secp256k1.N.subtract(BigInteger.ONE)).address();
    assertThrows(
        IllegalArgumentException.class, () -> Secp256k1PrivateKey.fromHex("0x" + "00".repeat(32)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Secp256k1PrivateKey.fromHex(DEV_KEY.substring(0, DEV_KEY.length() - 2)));
    assertThrows(IllegalArgumentException.class, () -> Secp256k1PrivateKey.fromHex(null));
  }

  @Test
  void theKeyNeverAppearsInTextOrErrors() {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.fromHex(DEV_KEY);
    String digits = DEV_KEY.substring(2);
    assertFalse(key.toString().contains(digits.substring(0, 8)), key.toString());
    assertTrue(key.toString().contains(DEV_ADDRESS));

    String withBadDigit = DEV_KEY.substring(0, 40) + "zz" + DEV_KEY.substring(42);
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> Secp256k1PrivateKey.fromHex(withBadDigit));
    assertFalse(bad.getMessage().contains(digits.substring(0, 8)), bad.getMessage());
    assertEquals(null, bad.getCause());

    IllegalArgumentException noPrefix =
        assertThrows(IllegalArgumentException.class, () -> Secp256k1PrivateKey.fromHex(digits));
    assertFalse(noPrefix.getMessage().contains(digits.substring(0, 8)), noPrefix.getMessage());
  }

  @Test
  void equalityIsByScalar() {
    assertEquals(Secp256k1PrivateKey.fromHex(DEV_KEY), Secp256k1PrivateKey.fromHex(DEV_KEY));
    assertEquals(
        Secp256k1PrivateKey.fromHex(DEV_KEY).hashCode(),
        Secp256k1PrivateKey.fromHex(DEV_KEY).hashCode());
    assertNotEquals(Secp256k1PrivateKey.fromHex(DEV_KEY), Secp256k1PrivateKey.of(BigInteger.TWO));
  }

  @Test
  void generatedKeysAreInRange() {
    SecureRandom random = deterministicRandom(new Random(3));
    for (int i = 0; i < 20; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      assertTrue(key.scalar().signum() > 0 && key.scalar().compareTo(Secp256k1.N) < 0);
      assertEquals(Address.class, key.address().getClass());
    }
  }

  /** A SecureRandom whose bytes come from a seeded Random, so failures reproduce. */
  static SecureRandom deterministicRandom(Random source) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
      }
    };
  }
}
