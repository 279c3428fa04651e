package org.citygate.anchor.ledger;

import static org.citygate.anchor.ledger.LedgerChain.send;
import static org.citygate.anchor.ledger.LedgerChain.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.citygate.anchor.ledger.contracts.AnchorRegistry;
import org.citygate.proofs.anchor.AnchorEvent;
import org.citygate.proofs.anchor.Checkpoint;
import org.citygate.proofs.eip712.BatchHeader;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.Signature;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.citygate.proofs.leaf.BatchLeaf;
import org.citygate.proofs.leaf.ReadingLeaf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * {@code AnchorRegistry} on a real anvil node: roles, anchoring (the checkpoint chain, its event,
 * its gas), the gateway registry, the EIP-712 batch header views and the leaf hashes, each checked
 * against the {@code proofs} library. A fresh registry per test.
 */
class AnchorRegistryTest {
  private static final long CHAIN_ID = 31337;
  private static final int ADMIN = 0;
  private static final int ANCHORER = 1;
  private static final int REGISTRAR = 2;
  private static final int OUTSIDER = 3;
  private static final BigInteger FOREVER = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final long ANCHOR_GAS_LIMIT = 55_000;

  private static LedgerChain chain;
  private AnchorRegistry admin;
  private AnchorRegistry anchorer;
  private AnchorRegistry registrar;
  private AnchorRegistry outsider;
  private String address;

  @BeforeAll
  static void startChain() {
    chain = LedgerChain.start(CHAIN_ID);
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @BeforeEach
  void deploy() throws Exception {
    admin =
        AnchorRegistry.deploy(
                chain.web3j, chain.manager(ADMIN), LedgerChain.GAS, chain.address(ADMIN))
            .send();
    address = admin.getContractAddress();
    anchorer = as(ANCHORER);
    registrar = as(REGISTRAR);
    outsider = as(OUTSIDER);
    send(admin.grantRole(view(admin.ANCHORER_ROLE()), chain.address(ANCHORER)));
    send(admin.grantRole(view(admin.REGISTRAR_ROLE()), chain.address(REGISTRAR)));
  }

  private AnchorRegistry as(int account) {
    return AnchorRegistry.load(address, chain.web3j, chain.manager(account), LedgerChain.GAS);
  }

  // ---------------------------------------------------------------- roles and deployment

  @Test
  void rolesAreHeldByWhomTheyWereGrantedTo() {
    byte[] adminRole = view(admin.DEFAULT_ADMIN_ROLE());
    byte[] anchorerRole = view(admin.ANCHORER_ROLE());
    byte[] registrarRole = view(admin.REGISTRAR_ROLE());
    assertArrayEquals(keccak("ANCHORER_ROLE"), anchorerRole);
    assertArrayEquals(keccak("REGISTRAR_ROLE"), registrarRole);
    assertTrue(view(admin.hasRole(adminRole, chain.address(ADMIN))));
    assertTrue(view(admin.hasRole(anchorerRole, chain.address(ANCHORER))));
    assertTrue(view(admin.hasRole(registrarRole, chain.address(REGISTRAR))));
    assertFalse(view(admin.hasRole(anchorerRole, chain.address(REGISTRAR))));
    assertFalse(view(admin.hasRole(adminRole, chain.address(ANCHORER))));
    assertEquals(FOREVER, view(admin.FOREVER()));

    chain.assertReverts(
        OUTSIDER,
        address,
        outsider.grantRole(anchorerRole, chain.address(OUTSIDER)),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(OUTSIDER)),
        w32(adminRole));
    assertArrayEquals(adminRole, view(admin.getRoleAdmin(anchorerRole)));
    assertArrayEquals(adminRole, view(admin.getRoleAdmin(registrarRole)));
    assertTrue(view(admin.supportsInterface(Hex.decode("0x7965db0b")))); // IAccessControl
    assertTrue(view(admin.supportsInterface(Hex.decode("0x01ffc9a7")))); // IERC165
    assertFalse(view(admin.supportsInterface(Hex.decode("0xffffffff"))));

    // granting emits RoleGranted; renouncing is only for oneself
    TransactionReceipt granted = send(admin.grantRole(anchorerRole, chain.address(OUTSIDER)));
    List<AnchorRegistry.RoleGrantedEventResponse> grants =
        AnchorRegistry.getRoleGrantedEvents(granted);
    assertEquals(1, grants.size());
    assertArrayEquals(anchorerRole, grants.get(0).role);
    assertEquals(chain.address(OUTSIDER), grants.get(0).account);
    assertEquals(chain.address(ADMIN), grants.get(0).sender);
    chain.assertReverts(
        ANCHORER,
        address,
        anchorer.renounceRole(anchorerRole, chain.address(OUTSIDER)),
        "AccessControlBadConfirmation");
    TransactionReceipt renounced =
        send(outsider.renounceRole(anchorerRole, chain.address(OUTSIDER)));
    assertEquals(1, AnchorRegistry.getRoleRevokedEvents(renounced).size());
    assertFalse(view(admin.hasRole(anchorerRole, chain.address(OUTSIDER))));

    TransactionReceipt revoked = send(admin.revokeRole(anchorerRole, chain.address(ANCHORER)));
    List<AnchorRegistry.RoleRevokedEventResponse> revocations =
        AnchorRegistry.getRoleRevokedEvents(revoked);
    assertEquals(1, revocations.size());
    assertEquals(chain.address(ANCHORER), revocations.get(0).account);
    chain.assertReverts(
        ANCHORER,
        address,
        anchorer.anchor(BigInteger.ZERO, new byte[32], BigInteger.ONE, new byte[32]),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(ANCHORER)),
        w32(anchorerRole));
  }

  @Test
  @SuppressWarnings("rawtypes") // web3j's encodeConstructor takes a List<Type>
  void deployingWithoutAnAdminReverts() {
    String initCode =
        AnchorRegistry.BINARY
            + org.web3j.abi.FunctionEncoder.encodeConstructor(
                List.<org.web3j.abi.datatypes.Type>of(
                    new org.web3j.abi.datatypes.Address(BigInteger.ZERO)));
    assertEquals(
        LedgerChain.customError("ZeroAddress"),
        chain.revertData(chain.address(ADMIN), null, "0x" + initCode));
  }

  // ---------------------------------------------------------------- anchoring

  @Test
  void anchorsAChainOfCheckpointsWithOneEventEachWithinTheGasBudget() {
    assertEquals(BigInteger.ZERO, view(admin.nextEpoch()));
    chain.assertReverts(OUTSIDER, address, outsider.latestEpoch(), "NoEpochAnchored");

    List<Checkpoint> checkpoints = new ArrayList<>();
    Bytes32 prev = Bytes32.ZERO;
    long size = 0;
    List<Long> gas = new ArrayList<>();
    for (int epoch = 0; epoch < 40; epoch++) {
      size += 1 + epoch * 37L;
      Checkpoint checkpoint = new Checkpoint(epoch, hash("epoch log root at " + epoch), size, prev);
      TransactionReceipt receipt = anchor(checkpoint);
      gas.add(receipt.getGasUsed().longValueExact());
      assertAnchorEvent(receipt, checkpoint);
      assertArrayEquals(
          checkpoint.hash().bytes(), view(admin.checkpointOf(BigInteger.valueOf(epoch))));
      checkpoints.add(checkpoint);
      prev = checkpoint.hash();
    }

    assertEquals(BigInteger.valueOf(40), view(admin.nextEpoch()));
    assertEquals(BigInteger.valueOf(39), view(admin.latestEpoch()));
    assertArrayEquals(new byte[32], view(admin.checkpointOf(BigInteger.valueOf(40))));
    for (Checkpoint c : checkpoints) {
      assertTrue(view(admin.isAnchored(epoch(c))));
      assertFalse(
          view(
              admin.isAnchored(
                  epoch(new Checkpoint(c.epoch(), c.root(), c.size() + 1, c.prevCheckpoint())))));
      assertFalse(
          view(
              admin.isAnchored(
                  epoch(new Checkpoint(c.epoch(), hash("other"), c.size(), c.prevCheckpoint())))));
    }

    long first = gas.get(0);
    long later = gas.subList(1, gas.size()).stream().mapToLong(Long::longValue).max().orElseThrow();
    long laterMin =
        gas.subList(1, gas.size()).stream().mapToLong(Long::longValue).min().orElseThrow();
    GasReport.record("AnchorRegistry.anchor first epoch", first);
    GasReport.record("AnchorRegistry.anchor later epochs (max of 39)", later);
    GasReport.record("AnchorRegistry.anchor later epochs (min of 39)", laterMin);
    assertTrue(
        later <= ANCHOR_GAS_LIMIT,
        () -> "anchor after the first epoch used up to " + later + " gas: " + gas);
  }

  @Test
  void anchorRejectsEveryBreakOfTheChain() {
    Checkpoint zero = new Checkpoint(0, hash("root 0"), 3, Bytes32.ZERO);
    Bytes32 bogus = hash("bogus");
    // epoch 0 must come first, with a zero previous checkpoint
    chain.assertReverts(
        ANCHORER,
        address,
        anchorCall(new Checkpoint(1, hash("root 1"), 3, zero.hash())),
        "PreviousEpochNotAnchored",
        new Uint64(1));
    chain.assertReverts(
        ANCHORER,
        address,
        anchorCall(new Checkpoint(0, zero.root(), 3, bogus)),
        "PrevCheckpointMismatch",
        new Uint64(0),
        w32(new byte[32]),
        w32(bogus.bytes()));
    anchor(zero);
    // once only
    chain.assertReverts(ANCHORER, address, anchorCall(zero), "EpochAlreadyAnchored", new Uint64(0));
    chain.assertReverts(
        ANCHORER,
        address,
        anchorCall(new Checkpoint(0, hash("another root"), 4, Bytes32.ZERO)),
        "EpochAlreadyAnchored",
        new Uint64(0));
    // epoch 1 names epoch 0's checkpoint, exactly
    chain.assertReverts(
        ANCHORER,
        address,
        anchorCall(new Checkpoint(1, hash("root 1"), 5, bogus)),
        "PrevCheckpointMismatch",
        new Uint64(1),
        w32(zero.hash().bytes()),
        w32(bogus.bytes()));
    chain.assertReverts(
        ANCHORER,
        address,
        anchorCall(new Checkpoint(1, hash("root 1"), 5, Bytes32.ZERO)),
        "PrevCheckpointMismatch",
        new Uint64(1),
        w32(zero.hash().bytes()),
        w32(new byte[32]));
    // no gaps
    chain.assertReverts(
        ANCHORER,
        address,
        anchorCall(new Checkpoint(2, hash("root 2"), 5, zero.hash())),
        "PreviousEpochNotAnchored",
        new Uint64(2));
    Checkpoint one = new Checkpoint(1, hash("root 1"), 5, zero.hash());
    anchor(one);
    chain.assertReverts(ANCHORER, address, anchorCall(one), "EpochAlreadyAnchored", new Uint64(1));
    assertEquals(BigInteger.ONE, view(admin.latestEpoch()));

    // A rejected anchor sent as a real transaction is mined as failed and changes nothing.
    TransactionException failed =
        assertThrows(TransactionException.class, () -> anchorCall(one).send());
    TransactionReceipt receipt = failed.getTransactionReceipt().orElseThrow();
    assertFalse(receipt.isStatusOK());
    assertTrue(receipt.getLogs().isEmpty());
    assertEquals(BigInteger.TWO, view(admin.nextEpoch()));
  }

  @Test
  void checkpointHashAgreesWithTheJavaLibrary() {
    Checkpoint[] samples = {
      new Checkpoint(0, Bytes32.ZERO, 0, Bytes32.ZERO),
      new Checkpoint(7, hash("r"), 40, hash("p")),
      new Checkpoint(Long.MAX_VALUE, hash("max"), Long.MAX_VALUE, hash("q")),
    };
    for (Checkpoint c : samples) {
      assertArrayEquals(
          c.hash().bytes(),
          view(
              admin.checkpointHash(
                  BigInteger.valueOf(c.epoch()),
                  c.root().bytes(),
                  BigInteger.valueOf(c.size()),
                  c.prevCheckpoint().bytes())),
          c::toString);
    }
    // uint64 max: beyond Java's long, computed by hand
    byte[] words = new byte[128];
    java.util.Arrays.fill(words, 24, 32, (byte) 0xff);
    java.util.Arrays.fill(words, 56, 64, (byte) 0xff);
    assertArrayEquals(
        org.citygate.proofs.hash.Keccak256.hash(words),
        view(admin.checkpointHash(FOREVER, new byte[32], FOREVER, new byte[32])));
  }

  // ---------------------------------------------------------------- gateways

  @Test
  void registersAGatewayWithItsValidityPeriod() throws Exception {
    String gateway = gatewayKey("registered").address().toString();
    byte[] metadata = keccak("gateway at lamp post 17");
    TransactionReceipt receipt =
        send(
            registrar.registerGateway(
                gateway, metadata, BigInteger.valueOf(1_000), BigInteger.valueOf(2_000)));
    GasReport.record("AnchorRegistry.registerGateway", receipt.getGasUsed().longValueExact());
    List<AnchorRegistry.GatewayRegisteredEventResponse> events =
        AnchorRegistry.getGatewayRegisteredEvents(receipt);
    assertEquals(1, events.size());
    assertEquals(gateway.toLowerCase(), events.get(0).gateway);
    assertArrayEquals(metadata, events.get(0).metadataHash);
    assertEquals(BigInteger.valueOf(1_000), events.get(0).validFrom);
    assertEquals(BigInteger.valueOf(2_000), events.get(0).validUntil);

    AnchorRegistry.Gateway record = view(admin.gatewayOf(gateway));
    assertArrayEquals(metadata, record.metadataHash);
    assertEquals(BigInteger.valueOf(1_000), record.validFrom);
    assertEquals(BigInteger.valueOf(2_000), record.validUntil);
    assertEquals(BigInteger.ZERO, record.revokedAt);
    assertEquals(zeroAddress(), record.predecessor);
    assertEquals(zeroAddress(), record.successor);

    assertActive(gateway, 999, false);
    assertActive(gateway, 1_000, true);
    assertActive(gateway, 1_999, true);
    assertActive(gateway, 2_000, false);
    assertActive(gatewayKey("never registered").address().toString(), 1_500, false);
    assertEquals(BigInteger.ZERO, view(admin.gatewayOf(chain.address(OUTSIDER))).validUntil);
  }

  @Test
  void registrationRejectsBadInput() {
    String gateway = gatewayKey("twice").address().toString();
    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.registerGateway(
            "0x0000000000000000000000000000000000000000", new byte[32], BigInteger.ZERO, FOREVER),
        "ZeroAddress");
    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.registerGateway(gateway, new byte[32], BigInteger.TEN, BigInteger.TEN),
        "InvalidValidity",
        new Uint64(10),
        new Uint64(10));
    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.registerGateway(gateway, new byte[32], BigInteger.TEN, BigInteger.ZERO),
        "InvalidValidity",
        new Uint64(10),
        new Uint64(0));
    chain.assertReverts(
        OUTSIDER,
        address,
        outsider.registerGateway(gateway, new byte[32], BigInteger.ZERO, FOREVER),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(OUTSIDER)),
        w32(view(admin.REGISTRAR_ROLE())));
    send(registrar.registerGateway(gateway, new byte[32], BigInteger.ZERO, FOREVER));
    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.registerGateway(gateway, new byte[32], BigInteger.ONE, BigInteger.TWO),
        "GatewayAlreadyRegistered",
        addr(gateway));
  }

  @Test
  void rotatesAGatewayKeyLinkingOldAndNew() {
    String oldKey = gatewayKey("old").address().toString();
    String newKey = gatewayKey("new").address().toString();
    byte[] metadata = keccak("rooftop 4");
    long now = chain.latestTimestamp();
    send(
        registrar.registerGateway(
            oldKey,
            metadata,
            BigInteger.valueOf(now - 1_000),
            BigInteger.valueOf(now + 1_000_000)));
    long at = now + 100;
    chain.setNextBlockTimestamp(at);
    TransactionReceipt receipt = send(registrar.rotateGatewayKey(oldKey, newKey));
    GasReport.record("AnchorRegistry.rotateGatewayKey", receipt.getGasUsed().longValueExact());

    List<AnchorRegistry.GatewayKeyRotatedEventResponse> events =
        AnchorRegistry.getGatewayKeyRotatedEvents(receipt);
    assertEquals(1, events.size());
    assertEquals(oldKey.toLowerCase(), events.get(0).oldKey);
    assertEquals(newKey.toLowerCase(), events.get(0).newKey);
    assertEquals(BigInteger.valueOf(at), events.get(0).time);
    assertEquals(BigInteger.valueOf(now + 1_000_000), events.get(0).validUntil);

    AnchorRegistry.Gateway old = view(admin.gatewayOf(oldKey));
    AnchorRegistry.Gateway next = view(admin.gatewayOf(newKey));
    assertEquals(BigInteger.valueOf(at), old.validUntil);
    assertEquals(newKey.toLowerCase(), old.successor);
    assertEquals(BigInteger.valueOf(at), next.validFrom);
    assertEquals(BigInteger.valueOf(now + 1_000_000), next.validUntil);
    assertEquals(oldKey.toLowerCase(), next.predecessor);
    assertArrayEquals(metadata, next.metadataHash);

    assertActive(oldKey, at - 1, true);
    assertActive(oldKey, at, false);
    assertActive(newKey, at - 1, false);
    assertActive(newKey, at, true);
    assertActive(newKey, now + 999_999, true);
    assertActive(newKey, now + 1_000_000, false);
  }

  @Test
  void rotationRejectsBadInput() {
    String a = gatewayKey("a").address().toString();
    String b = gatewayKey("b").address().toString();
    String later = gatewayKey("later").address().toString();
    long now = chain.latestTimestamp();
    send(registrar.registerGateway(a, new byte[32], BigInteger.ZERO, FOREVER));
    send(registrar.registerGateway(b, new byte[32], BigInteger.ZERO, FOREVER));
    send(
        registrar.registerGateway(
            later, new byte[32], BigInteger.valueOf(now + 1_000_000), FOREVER));
    String unknown = gatewayKey("unknown").address().toString();
    String fresh = gatewayKey("fresh").address().toString();

    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.rotateGatewayKey(a, "0x0000000000000000000000000000000000000000"),
        "ZeroAddress");
    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.rotateGatewayKey(unknown, fresh),
        "UnknownGateway",
        addr(unknown));
    chain.assertReverts(
        REGISTRAR, address, registrar.rotateGatewayKey(a, b), "GatewayAlreadyRegistered", addr(b));
    chain.assertReverts(
        REGISTRAR, address, registrar.rotateGatewayKey(a, a), "GatewayAlreadyRegistered", addr(a));
    assertRevertsGatewayNotActive(registrar.rotateGatewayKey(later, fresh), later);
    chain.assertReverts(
        OUTSIDER,
        address,
        outsider.rotateGatewayKey(a, fresh),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(OUTSIDER)),
        w32(view(admin.REGISTRAR_ROLE())));

    send(registrar.rotateGatewayKey(a, fresh));
    // the old key is no longer active, so it cannot be rotated again
    assertRevertsGatewayNotActive(
        registrar.rotateGatewayKey(a, gatewayKey("another").address().toString()), a);
    send(registrar.revokeGateway(b));
    assertRevertsGatewayNotActive(
        registrar.rotateGatewayKey(b, gatewayKey("after revocation").address().toString()), b);
  }

  @Test
  void revokesAGatewayFromNowOn() {
    String gateway = gatewayKey("revoked").address().toString();
    send(registrar.registerGateway(gateway, new byte[32], BigInteger.ZERO, FOREVER));
    long at = chain.latestTimestamp() + 50;
    chain.setNextBlockTimestamp(at);
    TransactionReceipt receipt = send(registrar.revokeGateway(gateway));
    GasReport.record("AnchorRegistry.revokeGateway", receipt.getGasUsed().longValueExact());
    List<AnchorRegistry.GatewayRevokedEventResponse> events =
        AnchorRegistry.getGatewayRevokedEvents(receipt);
    assertEquals(1, events.size());
    assertEquals(gateway.toLowerCase(), events.get(0).gateway);
    assertEquals(BigInteger.valueOf(at), events.get(0).time);
    assertEquals(BigInteger.valueOf(at), view(admin.gatewayOf(gateway)).revokedAt);
    assertActive(gateway, 0, true);
    assertActive(gateway, at - 1, true);
    assertActive(gateway, at, false);
    assertActive(gateway, at + 1_000, false);

    chain.assertReverts(
        REGISTRAR,
        address,
        registrar.revokeGateway(gateway),
        "GatewayAlreadyRevoked",
        addr(gateway));
    String unknown = gatewayKey("nobody").address().toString();
    chain.assertReverts(
        REGISTRAR, address, registrar.revokeGateway(unknown), "UnknownGateway", addr(unknown));
    chain.assertReverts(
        OUTSIDER,
        address,
        outsider.revokeGateway(gateway),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(OUTSIDER)),
        w32(view(admin.REGISTRAR_ROLE())));
  }

  // ---------------------------------------------------------------- EIP-712 and leaves

  @Test
  void batchHeaderDigestAndSignerAgreeWithTheJavaLibrary() {
    Address registry = Address.fromHex(address);
    Eip712Domain domain = Eip712Domain.citygate(BigInteger.valueOf(CHAIN_ID), registry);
    assertArrayEquals(domain.separator().bytes(), view(admin.domainSeparator()));
    var info = view(admin.eip712Domain());
    assertEquals("Citygate", info.component2());
    assertEquals("1", info.component3());
    assertEquals(BigInteger.valueOf(CHAIN_ID), info.component4());
    assertEquals(address.toLowerCase(), info.component5().toLowerCase());

    Secp256k1PrivateKey key = gatewayKey("signer");
    BatchHeader header =
        new BatchHeader(
            key.address(),
            12,
            hash("previous header"),
            hash("batch root"),
            256,
            1_763_790_000_000L,
            1_763_790_059_000L);
    AnchorRegistry.BatchHeader onChain = header(header);
    assertArrayEquals(header.digest(domain).bytes(), view(admin.batchHeaderDigest(onChain)));

    Signature signature = Secp256k1.sign(header.digest(domain), key);
    byte[] sig = signature.toBytes();
    assertEquals(
        key.address().toString().toLowerCase(),
        view(admin.batchSigner(onChain, sig)).toLowerCase());

    // The same signature with high s (n - s, v flipped) recovers the same key with ecrecover;
    // the registry rejects it, as proof-format section 7 requires.
    BigInteger s = new BigInteger(1, signature.s().bytes());
    byte[] highS = sig.clone();
    System.arraycopy(word(Secp256k1.N.subtract(s)), 0, highS, 32, 32);
    highS[64] = (byte) (sig[64] == 27 ? 28 : 27);
    assertEquals(zeroAddress(), view(admin.batchSigner(onChain, highS)));
    byte[] vZeroOne = sig.clone();
    vZeroOne[64] = (byte) (sig[64] - 27);
    assertEquals(zeroAddress(), view(admin.batchSigner(onChain, vZeroOne)));
    assertEquals(zeroAddress(), view(admin.batchSigner(onChain, java.util.Arrays.copyOf(sig, 64))));
    // another header: a valid signature, but by nobody in particular
    BatchHeader other =
        new BatchHeader(
            key.address(),
            13,
            hash("previous header"),
            hash("batch root"),
            256,
            1_763_790_000_000L,
            1_763_790_059_000L);
    String recovered = view(admin.batchSigner(header(other), sig));
    assertFalse(recovered.equalsIgnoreCase(key.address().toString()));
  }

  @Test
  void leafHashesAgreeWithTheJavaLibrary() {
    Address registry = Address.fromHex(address);
    BigInteger chainId = BigInteger.valueOf(CHAIN_ID);
    Address gateway = gatewayKey("leaves").address();
    ReadingLeaf reading =
        new ReadingLeaf(
            chainId,
            gateway,
            hash("bay-12"),
            Long.MAX_VALUE,
            1_763_790_000_123L,
            hash("payload"),
            hash("salt"));
    assertArrayEquals(
        reading.leafHash().bytes(),
        view(
            admin.readingLeafHash(
                new AnchorRegistry.Reading(
                    reading.deviceId().bytes(),
                    BigInteger.valueOf(reading.deviceSeq()),
                    BigInteger.valueOf(reading.timestampMillis()),
                    reading.payloadHash().bytes(),
                    reading.salt().bytes()),
                gateway.toString())));
    BatchLeaf batch = new BatchLeaf(chainId, registry, gateway, 5, hash("root"), 100, hash("sig"));
    assertArrayEquals(
        batch.leafHash().bytes(),
        view(
            admin.batchLeafHash(
                new AnchorRegistry.Batch(
                    gateway.toString(),
                    BigInteger.valueOf(5),
                    batch.batchRoot().bytes(),
                    BigInteger.valueOf(100),
                    batch.headerSigHash().bytes()))));
  }

  // ---------------------------------------------------------------- helpers

  private TransactionReceipt anchor(Checkpoint c) {
    return send(anchorCall(c));
  }

  private org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> anchorCall(Checkpoint c) {
    return anchorer.anchor(
        BigInteger.valueOf(c.epoch()),
        c.root().bytes(),
        BigInteger.valueOf(c.size()),
        c.prevCheckpoint().bytes());
  }

  /** Exactly one log, from the registry, laid out as {@code AnchorEvent} says. */
  private void assertAnchorEvent(TransactionReceipt receipt, Checkpoint checkpoint) {
    assertEquals(1, receipt.getLogs().size(), receipt::toString);
    Log log = receipt.getLogs().get(0);
    assertEquals(address.toLowerCase(), log.getAddress().toLowerCase());
    Bytes32[] expectedTopics = AnchorEvent.topics(checkpoint);
    assertEquals(expectedTopics.length, log.getTopics().size());
    for (int i = 0; i < expectedTopics.length; i++) {
      assertEquals(expectedTopics[i].toHex(), log.getTopics().get(i));
    }
    assertEquals(Hex.encode(AnchorEvent.data(checkpoint)), log.getData());
    AnchorRegistry.CheckpointAnchoredEventResponse event =
        AnchorRegistry.getCheckpointAnchoredEventFromLog(log);
    assertEquals(BigInteger.valueOf(checkpoint.epoch()), event.epoch);
    assertArrayEquals(checkpoint.hash().bytes(), event.checkpoint);
    assertArrayEquals(checkpoint.root().bytes(), event.root);
    assertEquals(BigInteger.valueOf(checkpoint.size()), event.size);
    assertArrayEquals(checkpoint.prevCheckpoint().bytes(), event.prevCheckpoint);
  }

  private void assertActive(String gateway, long time, boolean expected) {
    assertEquals(
        expected,
        view(admin.isGatewayActive(gateway, BigInteger.valueOf(time))),
        () -> gateway + " active at " + time);
  }

  /**
   * {@code GatewayNotActive(gateway, time)}: the time is the block time {@code eth_call} runs at,
   * which is the node's to choose, so only the selector and the gateway are compared exactly.
   */
  private void assertRevertsGatewayNotActive(
      org.web3j.protocol.core.RemoteFunctionCall<?> call, String gateway) {
    String data = chain.revertData(chain.address(REGISTRAR), address, call.encodeFunctionCall());
    String expected = LedgerChain.customError("GatewayNotActive", addr(gateway), new Uint64(0));
    assertEquals(expected.substring(0, 2 + 8 + 64), data.substring(0, 2 + 8 + 64), data);
    long time = new BigInteger(data.substring(2 + 8 + 64), 16).longValueExact();
    long latest = chain.latestTimestamp();
    assertTrue(time >= latest && time <= latest + 60, () -> "time " + time + " vs " + latest);
  }

  static AnchorRegistry.Epoch epoch(Checkpoint c) {
    return new AnchorRegistry.Epoch(
        BigInteger.valueOf(c.epoch()),
        c.root().bytes(),
        BigInteger.valueOf(c.size()),
        c.prevCheckpoint().bytes());
  }

  private static AnchorRegistry.BatchHeader header(BatchHeader h) {
    return new AnchorRegistry.BatchHeader(
        h.gateway().toString(),
        BigInteger.valueOf(h.batchSeq()),
        h.prevHeaderHash().bytes(),
        h.root().bytes(),
        BigInteger.valueOf(h.size()),
        BigInteger.valueOf(h.firstTimestamp()),
        BigInteger.valueOf(h.lastTimestamp()));
  }

  static org.web3j.abi.datatypes.generated.Bytes32 w32(byte[] value) {
    return new org.web3j.abi.datatypes.generated.Bytes32(value);
  }

  static Secp256k1PrivateKey gatewayKey(String name) {
    return Secp256k1PrivateKey.of(
        new BigInteger(1, keccak("gateway key " + name))
            .mod(Secp256k1.N.subtract(BigInteger.ONE))
            .add(BigInteger.ONE));
  }

  static Bytes32 hash(String text) {
    return org.citygate.proofs.hash.Bytes32.keccak(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] keccak(String text) {
    return hash(text).bytes();
  }

  static org.web3j.abi.datatypes.Address addr(String hex) {
    return new org.web3j.abi.datatypes.Address(hex);
  }

  private static String zeroAddress() {
    return "0x0000000000000000000000000000000000000000";
  }

  private static byte[] word(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
