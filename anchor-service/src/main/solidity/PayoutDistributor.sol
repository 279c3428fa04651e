// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/**
 * @title PayoutDistributor
 * @notice Pays energy settlements (pool 0) and data-sharing rewards (pool 1) from cumulative
 * Merkle roots (docs/proof-format.md section 9, OpenZeppelin StandardMerkleTree). For each pool
 * a poster publishes, per epoch, the root of a tree of (chainId, distributor, pool, epoch,
 * account, cumulativeAmount) leaves and the tree's total; anyone may then submit an account's
 * claim, which pays the account cumulativeAmount minus what it has already been paid.
 *
 * Invariants, per pool: paid <= totalCumulative <= funded, so a root never pays out more than
 * was funded into its pool, whatever the tree holds; totalCumulative never decreases and epochs
 * only increase; what an account has been paid never decreases, and a claim below it reverts.
 *
 * Every function that moves tokens (fund, withdrawSurplus, claim, claimMany) is nonReentrant
 * (OpenZeppelin ReentrancyGuard), so a token that calls back during a transfer cannot re-enter
 * the accounting: fund counts the balance that arrived, and a reentrant fund would count it twice.
 */
contract PayoutDistributor is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// May post payout roots.
    bytes32 public constant POSTER_ROLE = keccak256("POSTER_ROLE");
    /// Pool of energy settlements.
    uint8 public constant ENERGY = 0;
    /// Pool of data-sharing rewards.
    uint8 public constant REWARDS = 1;

    /// One pool's accounting.
    struct Pool {
        uint256 funded; // funded in total, less withdrawn surplus
        uint256 totalCumulative; // total of the latest root: all that may ever be paid so far
        uint256 paid; // paid out in total
        uint64 latestEpoch; // epoch of the latest root
        bool hasRoot; // whether a root was posted
    }

    /// One account's claim in a {claimMany} batch.
    struct Claim {
        address account;
        uint256 cumulative;
        bytes32[] proof;
    }

    /// Why {claimMany} skipped a claim.
    enum SkipReason {
        InvalidProof,
        NothingToClaim,
        CumulativeBelowClaimed,
        PoolExhausted,
        ZeroAccount, // the leaf's account is the zero address, which no token pays
        TransferFailed // the token's transfer reverted or returned false; nothing was recorded
    }

    IERC20 private immutable _energyToken;
    IERC20 private immutable _rewardsToken;
    mapping(uint8 pool => Pool) private _pools;
    mapping(uint8 pool => mapping(uint64 epoch => bytes32 root)) private _roots;
    mapping(uint8 pool => mapping(address account => uint256 paid)) private _claimed;

    event PoolFunded(uint8 indexed pool, address indexed from, uint256 amount, uint256 funded);
    event SurplusWithdrawn(uint8 indexed pool, address indexed to, uint256 amount, uint256 funded);
    event RootPosted(uint8 indexed pool, uint64 indexed epoch, bytes32 root, uint256 totalCumulative);
    event Claimed(uint8 indexed pool, uint64 indexed epoch, address indexed account, uint256 amount, uint256 cumulative);
    event ClaimSkipped(uint8 indexed pool, uint64 indexed epoch, address indexed account, SkipReason reason);

    error ZeroAddress();
    error UnknownPool(uint8 pool);
    error ZeroAmount();
    error ZeroRoot();
    error EpochNotIncreasing(uint8 pool, uint64 latest, uint64 given);
    error TotalDecreased(uint8 pool, uint256 previous, uint256 given);
    error Underfunded(uint8 pool, uint256 totalCumulative, uint256 funded);
    error SurplusExceeded(uint8 pool, uint256 amount, uint256 surplus);
    error UnknownRoot(uint8 pool, uint64 epoch);
    error InvalidProof(uint8 pool, uint64 epoch, address account);
    error NothingToClaim(address account, uint256 cumulative);
    error CumulativeBelowClaimed(address account, uint256 cumulative, uint256 claimed);
    error PoolExhausted(uint8 pool, uint256 amount, uint256 remaining);

    /**
     * @param admin holds DEFAULT_ADMIN_ROLE: grants POSTER_ROLE, withdraws surplus
     * @param energyToken the ERC-20 that pool 0 pays in
     * @param rewardsToken the ERC-20 that pool 1 pays in (may be the same token)
     */
    constructor(address admin, IERC20 energyToken, IERC20 rewardsToken) {
        if (admin == address(0) || address(energyToken) == address(0) || address(rewardsToken) == address(0)) {
            revert ZeroAddress();
        }
        _energyToken = energyToken;
        _rewardsToken = rewardsToken;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ funding

    /// Moves `amount` of the pool's token from the caller (who approved it) into pool `pool`.
    function fund(uint8 pool, uint256 amount) external nonReentrant {
        IERC20 token = tokenOf(pool);
        if (amount == 0) {
            revert ZeroAmount();
        }
        // Count what arrived, so a token that takes a fee cannot inflate the pool.
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        Pool storage p = _pools[pool];
        uint256 funded = p.funded + received;
        p.funded = funded;
        emit PoolFunded(pool, msg.sender, received, funded);
    }

    /// Sends `amount` of pool `pool`'s unallocated funds (funded - totalCumulative) to `to`.
    function withdrawSurplus(uint8 pool, address to, uint256 amount)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        nonReentrant
    {
        IERC20 token = tokenOf(pool);
        if (to == address(0)) {
            revert ZeroAddress();
        }
        Pool storage p = _pools[pool];
        uint256 surplus = p.funded - p.totalCumulative;
        if (amount > surplus) {
            revert SurplusExceeded(pool, amount, surplus);
        }
        uint256 funded = p.funded - amount;
        p.funded = funded;
        token.safeTransfer(to, amount);
        emit SurplusWithdrawn(pool, to, amount, funded);
    }

    // ------------------------------------------------------------------ roots

    /**
     * @notice Posts the cumulative payout root of pool `pool` for `epoch`, whose leaves sum to
     * `totalCumulative`. Epochs increase strictly; the total never decreases and never exceeds
     * what the pool was funded with.
     */
    function postRoot(uint8 pool, uint64 epoch, bytes32 root, uint256 totalCumulative)
        external
        onlyRole(POSTER_ROLE)
    {
        tokenOf(pool);
        if (root == 0) {
            revert ZeroRoot();
        }
        Pool storage p = _pools[pool];
        if (p.hasRoot && epoch <= p.latestEpoch) {
            revert EpochNotIncreasing(pool, p.latestEpoch, epoch);
        }
        if (totalCumulative < p.totalCumulative) {
            revert TotalDecreased(pool, p.totalCumulative, totalCumulative);
        }
        if (totalCumulative > p.funded) {
            revert Underfunded(pool, totalCumulative, p.funded);
        }
        p.totalCumulative = totalCumulative;
        p.latestEpoch = epoch;
        p.hasRoot = true;
        _roots[pool][epoch] = root;
        emit RootPosted(pool, epoch, root, totalCumulative);
    }

    // ------------------------------------------------------------------ claims

    /**
     * @notice Pays `account` what it is owed in pool `pool` by its leaf under the root of `epoch`:
     * `cumulative` minus what it has already been paid. Anyone may submit it (the tokens always
     * go to `account`). Reverts when the account is the zero address (ZeroAddress), the proof is
     * invalid, nothing is owed (NothingToClaim: a second claim of the same leaf), `cumulative` is
     * below what was already paid, the payment would exceed the pool's totalCumulative
     * (PoolExhausted), or the token's transfer fails (the token's own error, or SafeERC20's).
     * Any posted epoch may be claimed against; since amounts are cumulative, an older root pays
     * at most what its leaf says.
     * @return amount the amount paid
     */
    function claim(address account, uint8 pool, uint64 epoch, uint256 cumulative, bytes32[] calldata proof)
        external
        nonReentrant
        returns (uint256 amount)
    {
        tokenOf(pool);
        _rootOrRevert(pool, epoch);
        SkipReason reason;
        (amount, reason) = _pay(pool, epoch, account, cumulative, proof, false);
        if (amount != 0) {
            return amount;
        }
        if (reason == SkipReason.ZeroAccount) {
            revert ZeroAddress();
        }
        if (reason == SkipReason.InvalidProof) {
            revert InvalidProof(pool, epoch, account);
        }
        if (reason == SkipReason.NothingToClaim) {
            revert NothingToClaim(account, cumulative);
        }
        uint256 claimed = _claimed[pool][account];
        if (reason == SkipReason.CumulativeBelowClaimed) {
            revert CumulativeBelowClaimed(account, cumulative, claimed);
        }
        Pool storage p = _pools[pool];
        revert PoolExhausted(pool, cumulative - claimed, p.totalCumulative - p.paid);
    }

    /**
     * @notice A relayer's batch of claims against one pool's root of `epoch`. A claim that
     * {claim} would reject is skipped with a ClaimSkipped event instead, and so is a claim whose
     * token transfer fails (reverts or returns false: a blocklisted account, say), with its
     * accounting rolled back, so that one stale, double or unpayable claim does not sink the
     * batch. Reverts only for an unknown pool or root, a reentrant call, malformed calldata, or
     * running out of gas (a token may use up the gas forwarded to its transfer).
     * @return total the amount paid in all
     */
    function claimMany(uint8 pool, uint64 epoch, Claim[] calldata claims)
        external
        nonReentrant
        returns (uint256 total)
    {
        tokenOf(pool);
        _rootOrRevert(pool, epoch);
        for (uint256 i = 0; i < claims.length; ++i) {
            Claim calldata c = claims[i];
            (uint256 amount, SkipReason reason) = _pay(pool, epoch, c.account, c.cumulative, c.proof, true);
            if (amount != 0) {
                total += amount;
            } else {
                emit ClaimSkipped(pool, epoch, c.account, reason);
            }
        }
    }

    /**
     * Checks one claim against the root of (`pool`, `epoch`), which exists, and when it holds
     * pays it: effects first, then the transfer (checks-effects-interactions). A failed transfer
     * reverts when `skipFailedTransfer` is false ({claim}); when true ({claimMany}) the effects
     * are restored and the claim reported as TransferFailed. Returns the amount paid, which is
     * never 0 for a paid claim (cumulative > claimed), or 0 and why not. No arithmetic here can
     * overflow: `cumulative - claimed` only when cumulative > claimed, and
     * `totalCumulative - paid` because paid <= totalCumulative always holds.
     */
    function _pay(
        uint8 pool,
        uint64 epoch,
        address account,
        uint256 cumulative,
        bytes32[] calldata proof,
        bool skipFailedTransfer
    ) private returns (uint256 amount, SkipReason reason) {
        if (account == address(0)) {
            return (0, SkipReason.ZeroAccount);
        }
        if (!MerkleProof.verifyCalldata(proof, _roots[pool][epoch], leafHash(account, pool, epoch, cumulative))) {
            return (0, SkipReason.InvalidProof);
        }
        mapping(address account => uint256 paid) storage claimedOf_ = _claimed[pool];
        {
            uint256 claimed = claimedOf_[account];
            if (cumulative <= claimed) {
                return (0, cumulative == claimed ? SkipReason.NothingToClaim : SkipReason.CumulativeBelowClaimed);
            }
            amount = cumulative - claimed;
        }
        Pool storage p = _pools[pool];
        uint256 paid = p.paid;
        if (amount > p.totalCumulative - paid) {
            return (0, SkipReason.PoolExhausted);
        }
        p.paid = paid + amount;
        claimedOf_[account] = cumulative;
        if (!skipFailedTransfer) {
            tokenOf(pool).safeTransfer(account, amount);
        } else if (!tokenOf(pool).trySafeTransfer(account, amount)) {
            // Nothing was paid: restore the effects (nonReentrant: nothing else changed them).
            p.paid = paid;
            claimedOf_[account] = cumulative - amount;
            return (0, SkipReason.TransferFailed);
        }
        emit Claimed(pool, epoch, account, amount, cumulative);
    }

    // ------------------------------------------------------------------ views

    /**
     * The payout leaf hash (docs/proof-format.md section 9): keccak256(bytes.concat(keccak256(
     * abi.encode(block.chainid, address(this), pool, epoch, account, cumulative)))).
     */
    function leafHash(address account, uint8 pool, uint64 epoch, uint256 cumulative) public view returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(block.chainid, address(this), pool, epoch, account, cumulative))));
    }

    /// The token pool `pool` pays in; reverts with UnknownPool for a pool other than 0 and 1.
    function tokenOf(uint8 pool) public view returns (IERC20) {
        if (pool == ENERGY) {
            return _energyToken;
        }
        if (pool == REWARDS) {
            return _rewardsToken;
        }
        revert UnknownPool(pool);
    }

    /// Pool `pool`'s accounting.
    function poolOf(uint8 pool) external view returns (Pool memory) {
        tokenOf(pool);
        return _pools[pool];
    }

    /// The root posted for pool `pool` and `epoch`, or zero.
    function rootOf(uint8 pool, uint64 epoch) external view returns (bytes32) {
        return _roots[pool][epoch];
    }

    /// What `account` has been paid from pool `pool` so far (its last claimed cumulative amount).
    function claimedOf(uint8 pool, address account) external view returns (uint256) {
        return _claimed[pool][account];
    }

    function _rootOrRevert(uint8 pool, uint64 epoch) private view returns (bytes32 root) {
        root = _roots[pool][epoch];
        if (root == 0) {
            revert UnknownRoot(pool, epoch);
        }
    }
}
