package org.citygate.anchor.ledger;

import static org.citygate.anchor.ledger.AnchorRegistryTest.addr;
import static org.citygate.anchor.ledger.AnchorRegistryTest.w32;
import static org.citygate.anchor.ledger.LedgerChain.send;
import static org.citygate.anchor.ledger.LedgerChain.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.citygate.anchor.ledger.contracts.CityToken;
import org.citygate.anchor.ledger.contracts.PayoutDistributor;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.payout.PayoutLeaf;
import org.citygate.proofs.payout.PayoutPool;
import org.citygate.proofs.payout.PayoutTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code PayoutDistributor} with two real {@code CityToken}s (one per pool) and payout trees built
 * by the {@code proofs} library's {@link PayoutTree} (OpenZeppelin's {@code StandardMerkleTree}
 * layout): funding, roots and their invariants, claims submitted by a relayer for residents,
 * cumulative amounts across epochs, double claims, and batched claims that skip what a single claim
 * would reject.
 */
class PayoutDistributorTest {
  private static final int ADMIN = 0;
  private static final int POSTER = 1;
  private static final int RELAYER = 2;
  private static final int OUTSIDER = 3;
  private static final int ENERGY = 0;
  private static final int REWARDS = 1;

  private static final AtomicInteger RESIDENTS = new AtomicInteger();

  private static LedgerChain chain;
  private CityToken energyToken;
  private CityToken rewardsToken;
  private PayoutDistributor admin;
  private PayoutDistributor poster;
  private PayoutDistributor relayer;
  private String address;

  @BeforeAll
  static void startChain() {
    chain = LedgerChain.start(31337);
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @BeforeEach
  void deploy() throws Exception {
    energyToken = deployToken();
    rewardsToken = deployToken();
    admin =
        PayoutDistributor.deploy(
                chain.web3j,
                chain.manager(ADMIN),
                LedgerChain.GAS,
                chain.address(ADMIN),
                energyToken.getContractAddress(),
                rewardsToken.getContractAddress())
            .send();
    address = admin.getContractAddress();
    poster = as(POSTER);
    relayer = as(RELAYER);
    send(admin.grantRole(view(admin.POSTER_ROLE()), chain.address(POSTER)));
  }

  private static CityToken deployToken() throws Exception {
    CityToken token =
        CityToken.deploy(chain.web3j, chain.manager(ADMIN), LedgerChain.GAS, chain.address(ADMIN))
            .send();
    send(token.grantRole(view(token.MINTER_ROLE()), chain.address(ADMIN)));
    send(token.mint(chain.address(ADMIN), BigInteger.TEN.pow(30)));
    return token;
  }

  /** Redeploys the distributor with both pools paying in a new {@link TestToken}. */
  private TestToken useTestToken() throws Exception {
    TestToken token = TestToken.deploy(chain, ADMIN);
    admin =
        PayoutDistributor.deploy(
                chain.web3j,
                chain.manager(ADMIN),
                LedgerChain.GAS,
                chain.address(ADMIN),
                token.getContractAddress(),
                token.getContractAddress())
            .send();
    address = admin.getContractAddress();
    poster = as(POSTER);
    relayer = as(RELAYER);
    send(admin.grantRole(view(admin.POSTER_ROLE()), chain.address(POSTER)));
    return token;
  }

  private PayoutDistributor as(int account) {
    return PayoutDistributor.load(address, chain.web3j, chain.manager(account), LedgerChain.GAS);
  }

  // ---------------------------------------------------------------- claims

  @Test
  void paysCumulativeClaimsAcrossEpochsToResidentsThroughARelayer() {
    TransactionReceipt funded = fund(ENERGY, 10_000);
    GasReport.record(
        "PayoutDistributor.fund (a pool's first)", funded.getGasUsed().longValueExact());
    List<PayoutDistributor.PoolFundedEventResponse> fundedEvents =
        PayoutDistributor.getPoolFundedEvents(funded);
    assertEquals(1, fundedEvents.size());
    assertEquals(BigInteger.ZERO, fundedEvents.get(0).pool);
    assertEquals(chain.address(ADMIN), fundedEvents.get(0).from);
    assertEquals(BigInteger.valueOf(10_000), fundedEvents.get(0).amount);
    assertEquals(BigInteger.valueOf(10_000), fundedEvents.get(0).funded);

    List<String> r = residents(6);
    PayoutTree epoch1 =
        post(ENERGY, 1, amounts(r.get(0), 100, r.get(1), 200, r.get(2), 300, r.get(3), 400));
    PayoutDistributor.Pool pool = view(admin.poolOf(BigInteger.ZERO));
    assertEquals(BigInteger.valueOf(10_000), pool.funded);
    assertEquals(BigInteger.valueOf(1_000), pool.totalCumulative);
    assertEquals(BigInteger.ZERO, pool.paid);
    assertEquals(BigInteger.ONE, pool.latestEpoch);
    assertTrue(pool.hasRoot);
    assertArrayEquals(epoch1.root().bytes(), view(admin.rootOf(BigInteger.ZERO, BigInteger.ONE)));

    TransactionReceipt first = send(claim(epoch1, r.get(0)));
    GasReport.record(
        "PayoutDistributor.claim (the pool's first payout, 4-leaf tree)",
        first.getGasUsed().longValueExact());
    assertClaimed(first, ENERGY, 1, r.get(0), 100, 100);
    assertEquals(BigInteger.valueOf(100), balance(energyToken, r.get(0)));
    assertEquals(BigInteger.ZERO, balance(rewardsToken, r.get(0)));
    // a second claim of the same leaf pays nothing: it reverts
    chain.assertReverts(
        RELAYER,
        address,
        claim(epoch1, r.get(0)),
        "NothingToClaim",
        addr(r.get(0)),
        new Uint256(100));
    TransactionReceipt fresh = send(claim(epoch1, r.get(1)));
    GasReport.record(
        "PayoutDistributor.claim (account's first claim, 4-leaf tree)",
        fresh.getGasUsed().longValueExact());

    PayoutTree epoch2 =
        post(
            ENERGY,
            2,
            amounts(
                r.get(0), 250, r.get(1), 200, r.get(2), 300, r.get(3), 450, r.get(4), 500, r.get(5),
                50));
    TransactionReceipt again = send(claim(epoch2, r.get(0)));
    GasReport.record(
        "PayoutDistributor.claim (account claiming again, 6-leaf tree)",
        again.getGasUsed().longValueExact());
    assertClaimed(again, ENERGY, 2, r.get(0), 150, 250);
    assertEquals(BigInteger.valueOf(250), balance(energyToken, r.get(0)));
    chain.assertReverts(
        RELAYER,
        address,
        claim(epoch2, r.get(1)),
        "NothingToClaim",
        addr(r.get(1)),
        new Uint256(200));
    // an older root still pays what it says, once
    assertClaimed(send(claim(epoch1, r.get(2))), ENERGY, 1, r.get(2), 300, 300);
    chain.assertReverts(
        RELAYER,
        address,
        claim(epoch2, r.get(2)),
        "NothingToClaim",
        addr(r.get(2)),
        new Uint256(300));
    // never below what was paid
    send(claim(epoch2, r.get(3)));
    chain.assertReverts(
        RELAYER,
        address,
        claim(epoch1, r.get(3)),
        "CumulativeBelowClaimed",
        addr(r.get(3)),
        new Uint256(400),
        new Uint256(450));
    assertEquals(BigInteger.valueOf(450), view(admin.claimedOf(BigInteger.ZERO, r.get(3))));

    // wrong amount, proof for another root, another epoch, another pool, unknown pool
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claim(
            r.get(4),
            BigInteger.ZERO,
            BigInteger.TWO,
            BigInteger.valueOf(501),
            proof(epoch2, r.get(4))),
        "InvalidProof",
        new Uint8(0),
        new Uint64(2),
        addr(r.get(4)));
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claim(
            r.get(3),
            BigInteger.ZERO,
            BigInteger.TWO,
            BigInteger.valueOf(400),
            proof(epoch1, r.get(3))),
        "InvalidProof",
        new Uint8(0),
        new Uint64(2),
        addr(r.get(3)));
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claim(
            r.get(4),
            BigInteger.ZERO,
            BigInteger.valueOf(3),
            BigInteger.valueOf(500),
            proof(epoch2, r.get(4))),
        "UnknownRoot",
        new Uint8(0),
        new Uint64(3));
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claim(
            r.get(4),
            BigInteger.TWO,
            BigInteger.TWO,
            BigInteger.valueOf(500),
            proof(epoch2, r.get(4))),
        "UnknownPool",
        new Uint8(2));
    fund(REWARDS, 1_000);
    post(REWARDS, 2, amounts(r.get(5), 10));
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claim(
            r.get(4),
            BigInteger.ONE,
            BigInteger.TWO,
            BigInteger.valueOf(500),
            proof(epoch2, r.get(4))),
        "InvalidProof",
        new Uint8(1),
        new Uint64(2),
        addr(r.get(4)));

    // what was paid, and what the distributor still holds
    long paid = 250 + 200 + 300 + 450;
    assertEquals(BigInteger.valueOf(paid), view(admin.poolOf(BigInteger.ZERO)).paid);
    assertEquals(BigInteger.valueOf(10_000 - paid), balance(energyToken, address));
  }

  @Test
  void claimManyPaysABatchAndSkipsWhatASingleClaimWouldReject() {
    fund(REWARDS, 1_000_000);
    List<String> r = residents(14);
    Map<String, Long> amounts1 = new LinkedHashMap<>();
    for (int i = 0; i < r.size(); i++) {
      amounts1.put(r.get(i), 1_000L + i);
    }
    PayoutTree epoch1 = post(REWARDS, 1, amounts1);

    // ten fresh accounts in one transaction
    List<PayoutDistributor.Claim> fresh = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fresh.add(claimOf(epoch1, r.get(i), 1_000L + i));
    }
    TransactionReceipt batch = send(relayer.claimMany(BigInteger.ONE, BigInteger.ONE, fresh));
    GasReport.record(
        "PayoutDistributor.claimMany per claim (10 fresh accounts, 14-leaf tree)",
        batch.getGasUsed().longValueExact() / 10);
    assertEquals(10, PayoutDistributor.getClaimedEvents(batch).size());
    assertTrue(PayoutDistributor.getClaimSkippedEvents(batch).isEmpty());
    for (int i = 0; i < 10; i++) {
      assertEquals(BigInteger.valueOf(1_000L + i), balance(rewardsToken, r.get(i)));
    }

    // epoch 2 raises account 11; it claims there, so its epoch-1 leaf is below what it was paid
    Map<String, Long> amounts2 = new LinkedHashMap<>(amounts1);
    amounts2.put(r.get(11), 5_000L);
    PayoutTree epoch2 = post(REWARDS, 2, amounts2);
    send(claim(epoch2, r.get(11)));

    List<PayoutDistributor.Claim> mixed = new ArrayList<>();
    mixed.add(claimOf(epoch1, r.get(10), 1_010)); // pays
    mixed.add(claimOf(epoch1, r.get(0), 1_000)); // already paid: NothingToClaim
    mixed.add(
        new PayoutDistributor.Claim(
            r.get(12), BigInteger.valueOf(9_999), proof(epoch1, r.get(12))));
    mixed.add(claimOf(epoch1, r.get(11), 1_011)); // CumulativeBelowClaimed
    mixed.add(claimOf(epoch1, r.get(13), 1_013)); // pays
    TransactionReceipt receipt = send(relayer.claimMany(BigInteger.ONE, BigInteger.ONE, mixed));
    List<PayoutDistributor.ClaimedEventResponse> claimed =
        PayoutDistributor.getClaimedEvents(receipt);
    assertEquals(List.of(r.get(10), r.get(13)), claimed.stream().map(c -> c.account).toList());
    List<PayoutDistributor.ClaimSkippedEventResponse> skipped =
        PayoutDistributor.getClaimSkippedEvents(receipt);
    assertEquals(
        List.of(r.get(0), r.get(12), r.get(11)), skipped.stream().map(s -> s.account).toList());
    assertEquals(
        List.of(BigInteger.ONE, BigInteger.ZERO, BigInteger.TWO),
        skipped.stream().map(s -> s.reason).toList(),
        "reasons: NothingToClaim, InvalidProof, CumulativeBelowClaimed");
    assertEquals(BigInteger.ONE, skipped.get(0).pool);
    assertEquals(BigInteger.ONE, skipped.get(0).epoch);
    assertEquals(BigInteger.ZERO, balance(rewardsToken, r.get(12)));

    // an empty batch does nothing; a batch against no root or no pool reverts as a whole
    assertTrue(
        send(relayer.claimMany(BigInteger.ONE, BigInteger.ONE, List.of())).getLogs().isEmpty());
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claimMany(BigInteger.ONE, BigInteger.valueOf(9), mixed),
        "UnknownRoot",
        new Uint8(1),
        new Uint64(9));
    chain.assertReverts(
        RELAYER,
        address,
        relayer.claimMany(BigInteger.valueOf(7), BigInteger.ONE, mixed),
        "UnknownPool",
        new Uint8(7));
  }

  /**
   * The poster states a total below what its tree really holds: claims are paid until the stated
   * total is reached, never beyond it (and the stated total never exceeds the funds).
   */
  @Test
  void aRootNeverPaysMoreThanItsStatedTotal() {
    fund(ENERGY, 5_000);
    List<String> r = residents(3);
    PayoutTree tree =
        PayoutTree.of(
            List.of(
                leaf(ENERGY, 1, r.get(0), 400),
                leaf(ENERGY, 1, r.get(1), 300),
                leaf(ENERGY, 1, r.get(2), 300)));
    send(
        poster.postRoot(
            BigInteger.ZERO, BigInteger.ONE, tree.root().bytes(), BigInteger.valueOf(700)));
    send(claim(tree, r.get(0)));
    send(claim(tree, r.get(1)));
    chain.assertReverts(
        RELAYER,
        address,
        claim(tree, r.get(2)),
        "PoolExhausted",
        new Uint8(0),
        new Uint256(300),
        new Uint256(0));
    TransactionReceipt receipt =
        send(
            relayer.claimMany(
                BigInteger.ZERO, BigInteger.ONE, List.of(claimOf(tree, r.get(2), 300))));
    List<PayoutDistributor.ClaimSkippedEventResponse> skipped =
        PayoutDistributor.getClaimSkippedEvents(receipt);
    assertEquals(1, skipped.size());
    assertEquals(BigInteger.valueOf(3), skipped.get(0).reason, "PoolExhausted");
    assertEquals(BigInteger.valueOf(700), view(admin.poolOf(BigInteger.ZERO)).paid);
    assertEquals(BigInteger.ZERO, balance(energyToken, r.get(2)));
  }

  /**
   * A leaf near 2^256 (the tree understates its total) cannot overflow the pool's accounting: the
   * claim is refused as PoolExhausted, and skipped in a batch, where {@code paid + amount} would
   * have panicked and sunk the whole batch.
   */
  @Test
  void aHugeLeafIsRefusedAsPoolExhaustedNotAnOverflow() {
    fund(ENERGY, 1_000);
    List<String> r = residents(3);
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    PayoutTree tree =
        PayoutTree.of(
            List.of(
                leaf(ENERGY, 1, r.get(0), BigInteger.valueOf(100)),
                leaf(ENERGY, 1, r.get(1), max),
                leaf(ENERGY, 1, r.get(2), BigInteger.valueOf(200))));
    send(
        poster.postRoot(
            BigInteger.ZERO, BigInteger.ONE, tree.root().bytes(), BigInteger.valueOf(1_000)));
    send(claim(tree, r.get(0)));
    chain.assertReverts(
        RELAYER,
        address,
        claim(tree, r.get(1)),
        "PoolExhausted",
        new Uint8(0),
        new Uint256(max),
        new Uint256(900));
    TransactionReceipt receipt =
        send(
            relayer.claimMany(
                BigInteger.ZERO,
                BigInteger.ONE,
                List.of(claimOf(tree, r.get(1), max), claimOf(tree, r.get(2), 200))));
    assertEquals(
        List.of(r.get(2)),
        PayoutDistributor.getClaimedEvents(receipt).stream().map(c -> c.account).toList());
    List<PayoutDistributor.ClaimSkippedEventResponse> skipped =
        PayoutDistributor.getClaimSkippedEvents(receipt);
    assertEquals(List.of(r.get(1)), skipped.stream().map(e -> e.account).toList());
    assertEquals(BigInteger.valueOf(3), skipped.get(0).reason, "PoolExhausted");
    assertEquals(BigInteger.valueOf(300), view(admin.poolOf(BigInteger.ZERO)).paid);
    assertEquals(BigInteger.ZERO, view(admin.claimedOf(BigInteger.ZERO, r.get(1))));
  }

  /**
   * A leaf for the zero address (which no ERC-20 pays) is refused alone with ZeroAddress and
   * skipped in a batch with reason ZeroAccount, where the token's revert used to sink the batch.
   */
  @Test
  void aZeroAccountLeafIsRefusedAloneAndSkippedInABatch() {
    fund(REWARDS, 1_000);
    String zero = "0x0000000000000000000000000000000000000000";
    List<String> r = residents(1);
    PayoutTree tree = post(REWARDS, 3, amounts(zero, 50, r.get(0), 100));
    chain.assertReverts(RELAYER, address, claim(tree, zero), "ZeroAddress");
    TransactionReceipt receipt =
        send(
            relayer.claimMany(
                BigInteger.ONE,
                BigInteger.valueOf(3),
                List.of(claimOf(tree, zero, 50), claimOf(tree, r.get(0), 100))));
    assertClaimed(receipt, REWARDS, 3, r.get(0), 100, 100);
    List<PayoutDistributor.ClaimSkippedEventResponse> skipped =
        PayoutDistributor.getClaimSkippedEvents(receipt);
    assertEquals(List.of(zero), skipped.stream().map(e -> e.account).toList());
    assertEquals(BigInteger.valueOf(4), skipped.get(0).reason, "ZeroAccount");
    assertEquals(BigInteger.valueOf(100), view(admin.poolOf(BigInteger.ONE)).paid);
    assertEquals(BigInteger.ZERO, view(admin.claimedOf(BigInteger.ONE, zero)));
  }

  /**
   * A token that refuses one account's transfer (a blocklist) costs that account its payment in the
   * batch, not the batch: the claim is skipped with reason TransferFailed and its accounting is
   * rolled back, so the account can claim once it may receive again. A single claim reverts with
   * the token's error.
   */
  @Test
  void aFailedTransferIsSkippedInABatchWithItsAccountingRolledBack() throws Exception {
    TestToken token = useTestToken();
    fund(token, ENERGY, 1_000);
    List<String> r = residents(3);
    PayoutTree tree = post(ENERGY, 1, amounts(r.get(0), 100, r.get(1), 200, r.get(2), 300));
    send(token.setBlocked(r.get(1), true));

    TransactionReceipt receipt =
        send(
            relayer.claimMany(
                BigInteger.ZERO,
                BigInteger.ONE,
                List.of(
                    claimOf(tree, r.get(0), 100),
                    claimOf(tree, r.get(1), 200),
                    claimOf(tree, r.get(2), 300))));
    assertEquals(
        List.of(r.get(0), r.get(2)),
        PayoutDistributor.getClaimedEvents(receipt).stream().map(c -> c.account).toList());
    List<PayoutDistributor.ClaimSkippedEventResponse> skipped =
        PayoutDistributor.getClaimSkippedEvents(receipt);
    assertEquals(List.of(r.get(1)), skipped.stream().map(e -> e.account).toList());
    assertEquals(BigInteger.valueOf(5), skipped.get(0).reason, "TransferFailed");
    // nothing recorded for the skipped claim
    assertEquals(BigInteger.ZERO, view(admin.claimedOf(BigInteger.ZERO, r.get(1))));
    assertEquals(BigInteger.valueOf(400), view(admin.poolOf(BigInteger.ZERO)).paid);
    assertEquals(BigInteger.ZERO, view(token.balanceOf(r.get(1))));
    assertEquals(BigInteger.valueOf(600), view(token.balanceOf(address)));

    chain.assertReverts(RELAYER, address, claim(tree, r.get(1)), "Blocked", addr(r.get(1)));
    send(token.setBlocked(r.get(1), false));
    assertClaimed(send(claim(tree, r.get(1))), ENERGY, 1, r.get(1), 200, 200);
    assertEquals(BigInteger.valueOf(600), view(admin.poolOf(BigInteger.ZERO)).paid);
    assertEquals(BigInteger.valueOf(400), view(token.balanceOf(address)));
  }

  /**
   * A token that calls back into {@code fund} during the transfer (here: funding again from the
   * token's own balance) would have the same arrival counted twice, by the inner and the outer
   * balance difference, breaking {@code totalCumulative <= funded <= balance}. The reentrant call
   * reverts, and so the outer one.
   */
  @Test
  void aTokenThatReentersFundCannotCountADepositTwice() throws Exception {
    TestToken token = useTestToken();
    BigInteger hundred = BigInteger.valueOf(100);
    send(token.mint(chain.address(ADMIN), hundred));
    send(token.approve(address, hundred));
    send(token.mint(token.getContractAddress(), hundred));
    send(token.approveFromToken(address, hundred));
    send(token.setHook(address, admin.fund(BigInteger.ZERO, hundred).encodeFunctionCall()));
    chain.assertReverts(
        ADMIN, address, admin.fund(BigInteger.ZERO, hundred), "ReentrancyGuardReentrantCall");
    assertEquals(BigInteger.ZERO, view(admin.poolOf(BigInteger.ZERO)).funded);

    send(token.setHook("0x0000000000000000000000000000000000000000", "0x"));
    send(admin.fund(BigInteger.ZERO, hundred));
    assertEquals(hundred, view(admin.poolOf(BigInteger.ZERO)).funded);
    assertEquals(hundred, view(token.balanceOf(address)));
  }

  /**
   * A token that takes a fee on transfer: {@code fund} counts what arrived, not what was sent, so
   * no root can promise more than the distributor holds. A payout's fee is the account's: {@code
   * Claimed.amount} is what left the distributor, the account receives that less the fee, and the
   * distributor's balance stays exactly {@code funded - paid}.
   */
  @Test
  void aFeeOnTransferTokenFundsThePoolWithWhatArrived() throws Exception {
    TestToken token = useTestToken();
    send(token.setFee(100)); // 1 %
    TransactionReceipt funded = fund(token, ENERGY, 10_000);
    List<PayoutDistributor.PoolFundedEventResponse> events =
        PayoutDistributor.getPoolFundedEvents(funded);
    assertEquals(BigInteger.valueOf(9_900), events.get(0).amount);
    assertEquals(BigInteger.valueOf(9_900), events.get(0).funded);
    assertEquals(BigInteger.valueOf(9_900), view(token.balanceOf(address)));
    assertEquals(BigInteger.valueOf(9_900), view(admin.poolOf(BigInteger.ZERO)).funded);

    List<String> r = residents(2);
    PayoutTree tree = PayoutTree.of(List.of(leaf(ENERGY, 1, r.get(0), 5_000)));
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(
            BigInteger.ZERO, BigInteger.ONE, tree.root().bytes(), BigInteger.valueOf(9_901)),
        "Underfunded",
        new Uint8(0),
        new Uint256(9_901),
        new Uint256(9_900));
    tree = post(ENERGY, 1, amounts(r.get(0), 5_000, r.get(1), 4_900));
    assertClaimed(send(claim(tree, r.get(0))), ENERGY, 1, r.get(0), 5_000, 5_000);
    assertEquals(BigInteger.valueOf(4_950), view(token.balanceOf(r.get(0))));
    assertEquals(BigInteger.valueOf(4_900), view(token.balanceOf(address)));
    send(claim(tree, r.get(1)));
    assertEquals(BigInteger.valueOf(4_851), view(token.balanceOf(r.get(1))));
    assertEquals(BigInteger.ZERO, view(token.balanceOf(address)));
    assertEquals(BigInteger.valueOf(9_900), view(admin.poolOf(BigInteger.ZERO)).paid);
  }

  // ---------------------------------------------------------------- roots

  @Test
  void postRootEnforcesItsInvariants() {
    byte[] root = AnchorRegistryTest.keccak("a payout root");
    chain.assertReverts(
        OUTSIDER,
        address,
        as(OUTSIDER).postRoot(BigInteger.ZERO, BigInteger.ONE, root, BigInteger.ZERO),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(OUTSIDER)),
        w32(view(admin.POSTER_ROLE())));
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.TWO, BigInteger.ONE, root, BigInteger.ZERO),
        "UnknownPool",
        new Uint8(2));
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ZERO, BigInteger.ONE, new byte[32], BigInteger.ZERO),
        "ZeroRoot");
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ZERO, BigInteger.ONE, root, BigInteger.ONE),
        "Underfunded",
        new Uint8(0),
        new Uint256(1),
        new Uint256(0));
    fund(ENERGY, 1_000);
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ZERO, BigInteger.ONE, root, BigInteger.valueOf(1_001)),
        "Underfunded",
        new Uint8(0),
        new Uint256(1_001),
        new Uint256(1_000));
    // the other pool's funds do not count
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ONE, BigInteger.ONE, root, BigInteger.ONE),
        "Underfunded",
        new Uint8(1),
        new Uint256(1),
        new Uint256(0));

    TransactionReceipt receipt =
        send(
            poster.postRoot(BigInteger.ZERO, BigInteger.valueOf(5), root, BigInteger.valueOf(600)));
    GasReport.record("PayoutDistributor.postRoot (first)", receipt.getGasUsed().longValueExact());
    List<PayoutDistributor.RootPostedEventResponse> events =
        PayoutDistributor.getRootPostedEvents(receipt);
    assertEquals(1, events.size());
    assertEquals(BigInteger.ZERO, events.get(0).pool);
    assertEquals(BigInteger.valueOf(5), events.get(0).epoch);
    assertArrayEquals(root, events.get(0).root);
    assertEquals(BigInteger.valueOf(600), events.get(0).totalCumulative);

    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ZERO, BigInteger.valueOf(5), root, BigInteger.valueOf(600)),
        "EpochNotIncreasing",
        new Uint8(0),
        new Uint64(5),
        new Uint64(5));
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ZERO, BigInteger.valueOf(4), root, BigInteger.valueOf(600)),
        "EpochNotIncreasing",
        new Uint8(0),
        new Uint64(5),
        new Uint64(4));
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(BigInteger.ZERO, BigInteger.valueOf(6), root, BigInteger.valueOf(599)),
        "TotalDecreased",
        new Uint8(0),
        new Uint256(600),
        new Uint256(599));
    // an unchanged total is fine; epochs may skip
    send(poster.postRoot(BigInteger.ZERO, BigInteger.valueOf(9), root, BigInteger.valueOf(600)));
    assertEquals(BigInteger.valueOf(9), view(admin.poolOf(BigInteger.ZERO)).latestEpoch);
    assertFalse(view(admin.poolOf(BigInteger.ONE)).hasRoot);
  }

  // ---------------------------------------------------------------- funds

  @Test
  void fundingAndSurplusWithdrawalKeepTheTotalCovered() {
    chain.assertReverts(ADMIN, address, admin.fund(BigInteger.ZERO, BigInteger.ZERO), "ZeroAmount");
    chain.assertReverts(
        ADMIN, address, admin.fund(BigInteger.TWO, BigInteger.ONE), "UnknownPool", new Uint8(2));
    chain.assertReverts(
        ADMIN,
        address,
        admin.fund(BigInteger.ZERO, BigInteger.valueOf(5)),
        "ERC20InsufficientAllowance",
        addr(address),
        new Uint256(0),
        new Uint256(5));
    fund(ENERGY, 1_000);
    send(
        poster.postRoot(
            BigInteger.ZERO,
            BigInteger.ONE,
            AnchorRegistryTest.keccak("root"),
            BigInteger.valueOf(700)));

    String treasury = residents(1).get(0);
    chain.assertReverts(
        ADMIN,
        address,
        admin.withdrawSurplus(BigInteger.ZERO, treasury, BigInteger.valueOf(301)),
        "SurplusExceeded",
        new Uint8(0),
        new Uint256(301),
        new Uint256(300));
    chain.assertReverts(
        ADMIN,
        address,
        admin.withdrawSurplus(
            BigInteger.ZERO, "0x0000000000000000000000000000000000000000", BigInteger.ONE),
        "ZeroAddress");
    chain.assertReverts(
        ADMIN,
        address,
        admin.withdrawSurplus(BigInteger.TWO, treasury, BigInteger.ONE),
        "UnknownPool",
        new Uint8(2));
    chain.assertReverts(
        POSTER,
        address,
        poster.withdrawSurplus(BigInteger.ZERO, treasury, BigInteger.ONE),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(POSTER)),
        w32(new byte[32]));
    TransactionReceipt receipt =
        send(admin.withdrawSurplus(BigInteger.ZERO, treasury, BigInteger.valueOf(300)));
    List<PayoutDistributor.SurplusWithdrawnEventResponse> events =
        PayoutDistributor.getSurplusWithdrawnEvents(receipt);
    assertEquals(1, events.size());
    assertEquals(BigInteger.ZERO, events.get(0).pool);
    assertEquals(treasury, events.get(0).to);
    assertEquals(BigInteger.valueOf(300), events.get(0).amount);
    assertEquals(BigInteger.valueOf(700), events.get(0).funded);
    assertEquals(BigInteger.valueOf(300), balance(energyToken, treasury));
    assertEquals(BigInteger.valueOf(700), view(admin.poolOf(BigInteger.ZERO)).funded);
    chain.assertReverts(
        POSTER,
        address,
        poster.postRoot(
            BigInteger.ZERO,
            BigInteger.TWO,
            AnchorRegistryTest.keccak("root 2"),
            BigInteger.valueOf(701)),
        "Underfunded",
        new Uint8(0),
        new Uint256(701),
        new Uint256(700));
  }

  // ---------------------------------------------------------------- views and deployment

  @Test
  void viewsAgreeWithTheJavaLibrary() {
    assertEquals(BigInteger.ZERO, view(admin.ENERGY()));
    assertEquals(BigInteger.ONE, view(admin.REWARDS()));
    assertEquals(energyToken.getContractAddress(), view(admin.tokenOf(BigInteger.ZERO)));
    assertEquals(rewardsToken.getContractAddress(), view(admin.tokenOf(BigInteger.ONE)));
    chain.assertReverts(
        OUTSIDER, address, admin.tokenOf(BigInteger.TWO), "UnknownPool", new Uint8(2));
    chain.assertReverts(
        OUTSIDER, address, admin.poolOf(BigInteger.valueOf(255)), "UnknownPool", new Uint8(255));
    assertArrayEquals(new byte[32], view(admin.rootOf(BigInteger.ZERO, BigInteger.ONE)));
    assertArrayEquals(AnchorRegistryTest.keccak("POSTER_ROLE"), view(admin.POSTER_ROLE()));
    for (String account : residents(3)) {
      for (int pool : new int[] {ENERGY, REWARDS}) {
        PayoutLeaf leaf = leaf(pool, Long.MAX_VALUE - pool, account, 12_345_678_901L);
        assertArrayEquals(
            leaf.hash().bytes(),
            view(
                admin.leafHash(
                    account,
                    BigInteger.valueOf(pool),
                    BigInteger.valueOf(leaf.epoch()),
                    leaf.cumulativeAmount())));
      }
    }
  }

  @Test
  @SuppressWarnings("rawtypes") // web3j's encodeConstructor takes a List<Type>
  void deployingWithAZeroAddressReverts() {
    String zero = "0x0000000000000000000000000000000000000000";
    String token = energyToken.getContractAddress();
    String[][] cases = {
      {zero, token, token}, {chain.address(ADMIN), zero, token}, {chain.address(ADMIN), token, zero}
    };
    for (String[] c : cases) {
      String initCode =
          PayoutDistributor.BINARY
              + FunctionEncoder.encodeConstructor(
                  List.<Type>of(
                      new org.web3j.abi.datatypes.Address(c[0]),
                      new org.web3j.abi.datatypes.Address(c[1]),
                      new org.web3j.abi.datatypes.Address(c[2])));
      assertEquals(
          LedgerChain.customError("ZeroAddress"),
          chain.revertData(chain.address(ADMIN), null, "0x" + initCode));
    }
  }

  // ---------------------------------------------------------------- helpers

  private TransactionReceipt fund(int pool, long amount) {
    CityToken token = pool == ENERGY ? energyToken : rewardsToken;
    send(token.approve(address, BigInteger.valueOf(amount)));
    return send(admin.fund(BigInteger.valueOf(pool), BigInteger.valueOf(amount)));
  }

  /** Mints {@code amount} of {@code token} to the admin, who funds {@code pool} with it. */
  private TransactionReceipt fund(TestToken token, int pool, long amount) {
    send(token.mint(chain.address(ADMIN), BigInteger.valueOf(amount)));
    send(token.approve(address, BigInteger.valueOf(amount)));
    return send(admin.fund(BigInteger.valueOf(pool), BigInteger.valueOf(amount)));
  }

  /** Posts the tree of {@code amounts} (account to cumulative amount) for {@code pool}, epoch. */
  private PayoutTree post(int pool, long epoch, Map<String, Long> amounts) {
    List<PayoutLeaf> leaves = new ArrayList<>();
    for (Map.Entry<String, Long> e : amounts.entrySet()) {
      leaves.add(leaf(pool, epoch, e.getKey(), e.getValue()));
    }
    PayoutTree tree = PayoutTree.of(leaves);
    TransactionReceipt receipt =
        send(
            poster.postRoot(
                BigInteger.valueOf(pool),
                BigInteger.valueOf(epoch),
                tree.root().bytes(),
                tree.totalCumulative()));
    assertEquals(1, PayoutDistributor.getRootPostedEvents(receipt).size());
    return tree;
  }

  private PayoutLeaf leaf(int pool, long epoch, String account, long amount) {
    return leaf(pool, epoch, account, BigInteger.valueOf(amount));
  }

  private PayoutLeaf leaf(int pool, long epoch, String account, BigInteger amount) {
    return new PayoutLeaf(
        BigInteger.valueOf(chain.chainId),
        Address.fromHex(address),
        PayoutPool.fromCode(pool),
        epoch,
        Address.fromHex(account),
        amount);
  }

  /** The leaf of {@code account} in {@code tree}. */
  private static PayoutLeaf leafOf(PayoutTree tree, String account) {
    for (PayoutLeaf leaf : tree.leaves()) {
      if (leaf.account().equals(Address.fromHex(account))) {
        return leaf;
      }
    }
    throw new AssertionError(account + " is not in the tree");
  }

  private static List<byte[]> proof(PayoutTree tree, String account) {
    List<byte[]> out = new ArrayList<>();
    for (Bytes32 node : tree.proof(leafOf(tree, account))) {
      out.add(node.bytes());
    }
    return out;
  }

  /** The relayer's claim of {@code account}'s leaf in {@code tree}. */
  private RemoteFunctionCall<TransactionReceipt> claim(PayoutTree tree, String account) {
    PayoutLeaf leaf = leafOf(tree, account);
    return relayer.claim(
        account,
        BigInteger.valueOf(leaf.pool().code()),
        BigInteger.valueOf(leaf.epoch()),
        leaf.cumulativeAmount(),
        proof(tree, account));
  }

  private static PayoutDistributor.Claim claimOf(PayoutTree tree, String account, long amount) {
    return claimOf(tree, account, BigInteger.valueOf(amount));
  }

  private static PayoutDistributor.Claim claimOf(
      PayoutTree tree, String account, BigInteger amount) {
    PayoutLeaf leaf = leafOf(tree, account);
    assertEquals(amount, leaf.cumulativeAmount());
    return new PayoutDistributor.Claim(account, leaf.cumulativeAmount(), proof(tree, account));
  }

  private static void assertClaimed(
      TransactionReceipt receipt,
      int pool,
      long epoch,
      String account,
      long amount,
      long cumulative) {
    List<PayoutDistributor.ClaimedEventResponse> events =
        PayoutDistributor.getClaimedEvents(receipt);
    assertEquals(1, events.size());
    assertEquals(BigInteger.valueOf(pool), events.get(0).pool);
    assertEquals(BigInteger.valueOf(epoch), events.get(0).epoch);
    assertEquals(account, events.get(0).account);
    assertEquals(BigInteger.valueOf(amount), events.get(0).amount);
    assertEquals(BigInteger.valueOf(cumulative), events.get(0).cumulative);
  }

  private static BigInteger balance(CityToken token, String account) {
    return view(token.balanceOf(account));
  }

  /** {@code n} residents' addresses (no keys needed: a relayer claims for them), lower case. */
  private static List<String> residents(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          AnchorRegistryTest.gatewayKey("resident " + RESIDENTS.incrementAndGet())
              .address()
              .toString()
              .toLowerCase());
    }
    return out;
  }

  private static Map<String, Long> amounts(Object... accountsAndAmounts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < accountsAndAmounts.length; i += 2) {
      out.put((String) accountsAndAmounts[i], ((Number) accountsAndAmounts[i + 1]).longValue());
    }
    return out;
  }
}
