package org.citygate.proofs.eip712;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Keccak256;
import org.junit.jupiter.api.Test;

class Eip712Test {
  private static final Secp256k1PrivateKey GATEWAY_KEY =
      Secp256k1PrivateKey.fromHex(Secp256k1Test.DEV_KEY);
  private static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final Eip712Domain DOMAIN =
      Eip712Domain.citygate(BigInteger.valueOf(31337), REGISTRY);

  private static BatchHeader header(long seq, Bytes32 prev) {
    return new BatchHeader(
        GATEWAY_KEY.address(),
        seq,
        prev,
        Bytes32.keccak(("root " + seq).getBytes(StandardCharsets.US_ASCII)),
        17,
        1_718_000_000_000L + seq * 60_000,
        1_718_000_059_999L + seq * 60_000);
  }

  @Test
  void domainTypeHashIsTheCanonicalOne() {
    assertEquals(
        Bytes32.fromHex("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f"),
        Eip712Domain.TYPE_HASH);
    assertEquals(Eip712Domain.typeHash(Eip712Domain.TYPE), Eip712Domain.TYPE_HASH);
  }

  /** The EIP-712 specification's example ("Ether Mail"), whose domain has the same four fields. */
  @Test
  void eip712SpecExampleDomainAndDigest() {
    Eip712Domain mailDomain =
        new Eip712Domain(
            "Ether Mail",
            "1",
            BigInteger.ONE,
            Address.fromHex("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
    assertEquals(
        Bytes32.fromHex("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"),
        mailDomain.separator());

    // Mail(Person from,Person to,string contents): strings and nested structs are hashed to
    // words, so the struct hash can be built here with static encoding.
    Bytes32 personType = Eip712Domain.typeHash("Person(string name,address wallet)");
    Bytes32 from =
        Bytes32.keccak(
            AbiWords.encode()
                .bytes32(personType)
                .word(Keccak256.hash("Cow".getBytes(StandardCharsets.UTF_8)))
                .address(Address.fromHex("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"))
                .toBytes());
    Bytes32 to =
        Bytes32.keccak(
            AbiWords.encode()
                .bytes32(personType)
                .word(Keccak256.hash("Bob".getBytes(StandardCharsets.UTF_8)))
                .address(Address.fromHex("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"))
                .toBytes());
    Bytes32 mail =
        Bytes32.keccak(
            AbiWords.encode()
                .bytes32(
                    Eip712Domain.typeHash(
                        "Mail(Person from,Person to,string contents)"
                            + "Person(string name,address wallet)"))
                .bytes32(from)
                .bytes32(to)
                .word(Keccak256.hash("Hello, Bob!".getBytes(StandardCharsets.UTF_8)))
                .toBytes());
    assertEquals(
        Bytes32.fromHex("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e"),
        mail);
    assertEquals(
        Bytes32.fromHex("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"),
        mailDomain.hashTypedData(mail));
  }

  @Test
  void citygateDomainFields() {
    assertEquals("Citygate", DOMAIN.name());
    assertEquals("1", DOMAIN.version());
    assertEquals(BigInteger.valueOf(31337), DOMAIN.chainId());
    assertEquals(REGISTRY, DOMAIN.verifyingContract());
    assertThrows(
        IllegalArgumentException.class,
        () -> Eip712Domain.citygate(BigInteger.valueOf(-1), REGISTRY));
    assertThrows(IllegalArgumentException.class, () -> Eip712Domain.citygate(BigInteger.ONE, null));
  }

  @Test
  void batchHeaderTypeString() {
    assertEquals(
        "BatchHeader(address gateway,uint64 batchSeq,bytes32 prevHeaderHash,bytes32 root,"
            + "uint64 size,uint64 firstTimestamp,uint64 lastTimestamp)",
        BatchHeader.TYPE);
    assertEquals(
        Bytes32.keccak(BatchHeader.TYPE.getBytes(StandardCharsets.US_ASCII)),
        BatchHeader.TYPE_HASH);
  }

  /** Struct hash and digest rebuilt byte by byte, without AbiWords. */
  @Test
  void structHashAndDigestByHand() {
    BatchHeader header = header(5, Bytes32.keccak(new byte[] {9}));
    ByteArrayOutputStream words = new ByteArrayOutputStream();
    words.writeBytes(Keccak256.hash(BatchHeader.TYPE.getBytes(StandardCharsets.US_ASCII)));
    byte[] gateway = new byte[32];
    System.arraycopy(header.gateway().bytes(), 0, gateway, 12, 20);
    words.writeBytes(gateway);
    words.writeBytes(longWord(5));
    words.writeBytes(header.prevHeaderHash().bytes());
    words.writeBytes(header.root().bytes());
    words.writeBytes(longWord(17));
    words.writeBytes(longWord(header.firstTimestamp()));
    words.writeBytes(longWord(header.lastTimestamp()));
    assertEquals(8 * 32, words.size());
    Bytes32 structHash = Bytes32.keccak(words.toByteArray());
    assertEquals(structHash, header.structHash());

    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.write(0x19);
    message.write(0x01);
    message.writeBytes(DOMAIN.separator().bytes());
    message.writeBytes(structHash.bytes());
    assertEquals(66, message.size());
    assertEquals(Bytes32.keccak(message.toByteArray()), header.digest(DOMAIN));
  }

  private static byte[] longWord(long value) {
    byte[] word = new byte[32];
    for (int i = 0; i < 8; i++) {
      word[31 - i] = (byte) (value >>> (8 * i));
    }
    return word;
  }

  @Test
  void everyFieldAndTheDomainChangeTheDigest() {
    BatchHeader base = header(3, Bytes32.keccak(new byte[] {1}));
    Address other = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    List<BatchHeader> variants =
        List.of(
            base,
            new BatchHeader(
                other,
                3,
                base.prevHeaderHash(),
                base.root(),
                17,
                base.firstTimestamp(),
                base.lastTimestamp()),
            new BatchHeader(
                base.gateway(),
                4,
                base.prevHeaderHash(),
                base.root(),
                17,
                base.firstTimestamp(),
                base.lastTimestamp()),
            new BatchHeader(
                base.gateway(),
                3,
                Bytes32.ZERO,
                base.root(),
                17,
                base.firstTimestamp(),
                base.lastTimestamp()),
            new BatchHeader(
                base.gateway(),
                3,
                base.prevHeaderHash(),
                Bytes32.ZERO,
                17,
                base.firstTimestamp(),
                base.lastTimestamp()),
            new BatchHeader(
                base.gateway(),
                3,
                base.prevHeaderHash(),
                base.root(),
                18,
                base.firstTimestamp(),
                base.lastTimestamp()),
            new BatchHeader(
                base.gateway(),
                3,
                base.prevHeaderHash(),
                base.root(),
                17,
                base.firstTimestamp() + 1,
                base.lastTimestamp()),
            new BatchHeader(
                base.gateway(),
                3,
                base.prevHeaderHash(),
                base.root(),
                17,
                base.firstTimestamp(),
                base.lastTimestamp() + 1));
    Set<Bytes32> digests = new HashSet<>();
    for (BatchHeader variant : variants) {
      digests.add(variant.digest(DOMAIN));
    }
    assertEquals(variants.size(), digests.size());

    assertNotEquals(
        base.digest(DOMAIN), base.digest(Eip712Domain.citygate(BigInteger.ONE, REGISTRY)));
    assertNotEquals(
        base.digest(DOMAIN), base.digest(Eip712Domain.citygate(DOMAIN.chainId(), Address.ZERO)));
    assertNotEquals(
        base.digest(DOMAIN),
        base.digest(new Eip712Domain("Citygate", "2", DOMAIN.chainId(), REGISTRY)));
  }

  @Test
  void batchHeaderValidation() {
    Address gateway = GATEWAY_KEY.address();
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchHeader(gateway, -1, Bytes32.ZERO, Bytes32.ZERO, 1, 1, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchHeader(gateway, 0, Bytes32.ZERO, Bytes32.ZERO, -1, 1, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchHeader(gateway, 0, Bytes32.ZERO, Bytes32.ZERO, 1, -1, 2));
    IllegalArgumentException order =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BatchHeader(gateway, 0, Bytes32.ZERO, Bytes32.ZERO, 1, 3, 2));
    assertTrue(order.getMessage().contains("after lastTimestamp"), order.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchHeader(null, 0, Bytes32.ZERO, Bytes32.ZERO, 1, 1, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchHeader(gateway, 0, null, Bytes32.ZERO, 1, 1, 2));
    // Equal timestamps (a one-reading batch) and Long.MAX_VALUE are fine.
    new BatchHeader(gateway, Long.MAX_VALUE, Bytes32.ZERO, Bytes32.ZERO, 1, 5, 5).structHash();
  }

  @Test
  void signedHeadersVerifyAndChain() {
    SignedBatchHeader first = SignedBatchHeader.sign(header(0, Bytes32.ZERO), DOMAIN, GATEWAY_KEY);
    assertTrue(first.isSignedByGateway(DOMAIN));
    assertEquals(GATEWAY_KEY.address(), first.recoverSigner(DOMAIN));
    assertEquals(first.header().digest(DOMAIN), first.headerHash(DOMAIN));
    assertEquals(Bytes32.keccak(first.signature().toBytes()), first.signatureHash());

    SignedBatchHeader second =
        SignedBatchHeader.sign(header(1, first.headerHash(DOMAIN)), DOMAIN, GATEWAY_KEY);
    assertTrue(second.isSignedByGateway(DOMAIN));
    assertEquals(first.headerHash(DOMAIN), second.header().prevHeaderHash());
    assertNotEquals(first.signatureHash(), second.signatureHash());

    // Deterministic signing: the same header gives the same headerSigHash.
    assertEquals(
        first.signatureHash(),
        SignedBatchHeader.sign(header(0, Bytes32.ZERO), DOMAIN, GATEWAY_KEY).signatureHash());
  }

  @Test
  void aSignatureDoesNotCarryOverToAnotherDomainOrHeader() {
    SignedBatchHeader signed = SignedBatchHeader.sign(header(0, Bytes32.ZERO), DOMAIN, GATEWAY_KEY);
    assertFalse(signed.isSignedByGateway(Eip712Domain.citygate(BigInteger.ONE, REGISTRY)));
    assertFalse(signed.isSignedByGateway(Eip712Domain.citygate(DOMAIN.chainId(), Address.ZERO)));
    SignedBatchHeader moved = new SignedBatchHeader(header(1, Bytes32.ZERO), signed.signature());
    assertFalse(moved.isSignedByGateway(DOMAIN));
  }

  @Test
  void onlyTheGatewaysKeyMaySign() {
    Secp256k1PrivateKey other = Secp256k1PrivateKey.of(BigInteger.TWO);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SignedBatchHeader.sign(header(0, Bytes32.ZERO), DOMAIN, other));
    assertTrue(e.getMessage().contains("signer must be the gateway"), e.getMessage());

    // A header claiming to be from the gateway but signed by another key does not verify.
    BatchHeader header = header(0, Bytes32.ZERO);
    SignedBatchHeader forged =
        new SignedBatchHeader(header, Secp256k1.sign(header.digest(DOMAIN), other));
    assertFalse(forged.isSignedByGateway(DOMAIN));
    assertEquals(other.address(), forged.recoverSigner(DOMAIN));
  }

  @Test
  void anUnrecoverableSignatureIsNotSignedByTheGateway() {
    BatchHeader header = header(0, Bytes32.ZERO);
    Bytes32 one = new Bytes32(AbiWords.toWord(BigInteger.ONE));
    boolean sawFailure = false;
    for (int r = 1; r < 50 && !sawFailure; r++) {
      SignedBatchHeader bad =
          new SignedBatchHeader(
              header, new Signature(new Bytes32(AbiWords.toWord(BigInteger.valueOf(r))), one, 27));
      try {
        bad.recoverSigner(DOMAIN);
      } catch (InvalidSignatureException e) {
        sawFailure = true;
        assertFalse(bad.isSignedByGateway(DOMAIN));
      }
    }
    assertTrue(sawFailure);
  }
}
