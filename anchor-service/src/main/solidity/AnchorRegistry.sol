// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ProofFormat} from "./ProofFormat.sol";

/**
 * @title AnchorRegistry
 * @notice The city ledger's anchor registry: the registered gateways (their keys, validity
 * periods, rotations and revocations), one checkpoint per epoch of the city-wide epoch log, and
 * views that verify Citygate proofs (docs/proof-format.md) against the anchored checkpoints.
 * It is also the EIP-712 verifying contract of the gateways' batch headers ("Citygate", "1").
 *
 * Storage per epoch is one slot, `epoch => checkpoint`; anchored epochs are always the prefix
 * 0, 1, ..., n-1, so the next epoch is derived by searching that prefix instead of being stored.
 * See docs/ledger.md for the roles, the storage layout, the gas figures and the invariants.
 */
contract AnchorRegistry is AccessControl, EIP712 {
    /// May anchor checkpoints.
    bytes32 public constant ANCHORER_ROLE = keccak256("ANCHORER_ROLE");
    /// May register, rotate and revoke gateways.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// validUntil of a gateway without an end date.
    uint64 public constant FOREVER = type(uint64).max;

    /// A gateway key's record. A key is registered when validUntil != 0; an address is never
    /// registered twice, so a revoked or rotated key stays that way.
    struct Gateway {
        bytes32 metadataHash; // hash of the gateway's off-chain metadata (site, operator, ...)
        uint64 validFrom; // first second (Unix time) the key is valid
        uint64 validUntil; // first second it is no longer valid
        uint64 revokedAt; // block time of the revocation, 0 when not revoked
        address predecessor; // the key this one replaced by rotation, or zero
        address successor; // the key that replaced this one by rotation, or zero
    }

    /// Outcome of {checkReading}: Valid, or the first check that failed.
    enum ReadingCheck {
        Valid,
        ReadingNotInBatch,
        BatchNotInEpoch,
        EpochNotAnchored,
        GatewayNotActive
    }

    mapping(uint64 epoch => bytes32 checkpoint) private _checkpoints;
    mapping(address key => Gateway) private _gateways;

    /// A checkpoint was anchored (docs/proof-format.md section 8).
    event CheckpointAnchored(
        uint64 indexed epoch, bytes32 indexed checkpoint, bytes32 root, uint64 size, bytes32 prevCheckpoint
    );
    event GatewayRegistered(address indexed gateway, bytes32 metadataHash, uint64 validFrom, uint64 validUntil);
    /// `oldKey` is valid until `time`, `newKey` from `time` until `validUntil`.
    event GatewayKeyRotated(address indexed oldKey, address indexed newKey, uint64 time, uint64 validUntil);
    event GatewayRevoked(address indexed gateway, uint64 time);

    error ZeroAddress();
    error InvalidValidity(uint64 validFrom, uint64 validUntil);
    error GatewayAlreadyRegistered(address gateway);
    error UnknownGateway(address gateway);
    error GatewayAlreadyRevoked(address gateway);
    error GatewayNotActive(address gateway, uint64 time);
    error EpochAlreadyAnchored(uint64 epoch);
    error PreviousEpochNotAnchored(uint64 epoch);
    error PrevCheckpointMismatch(uint64 epoch, bytes32 expected, bytes32 given);
    error NoEpochAnchored();

    /// @param admin holds DEFAULT_ADMIN_ROLE and grants the anchorer and registrar roles.
    constructor(address admin) EIP712("Citygate", "1") {
        if (admin == address(0)) {
            revert ZeroAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ anchoring

    /**
     * @notice Anchors the checkpoint of `epoch`: keccak256(abi.encode(epoch, size, root,
     * prevCheckpoint)). Epochs are anchored in order from 0, once each; epoch 0 has a zero
     * prevCheckpoint and every later epoch names the checkpoint anchored for the epoch before.
     * Writes one storage slot and emits one CheckpointAnchored event.
     * @dev That `size` does not shrink is not checked here: it would need the previous size, i.e.
     * a second storage slot per anchor (about 5,000 gas) or a truncated checkpoint. The checkpoint
     * commits to the size, and auditors check that each epoch extends the last with consistency
     * proofs (docs/ledger.md).
     */
    function anchor(uint64 epoch, bytes32 root, uint64 size, bytes32 prevCheckpoint)
        external
        onlyRole(ANCHORER_ROLE)
    {
        if (_checkpoints[epoch] != 0) {
            revert EpochAlreadyAnchored(epoch);
        }
        if (epoch == 0) {
            if (prevCheckpoint != 0) {
                revert PrevCheckpointMismatch(0, 0, prevCheckpoint);
            }
        } else {
            bytes32 expected = _checkpoints[epoch - 1];
            if (expected == 0) {
                revert PreviousEpochNotAnchored(epoch);
            }
            if (prevCheckpoint != expected) {
                revert PrevCheckpointMismatch(epoch, expected, prevCheckpoint);
            }
        }
        bytes32 checkpoint = ProofFormat.checkpoint(epoch, root, size, prevCheckpoint);
        _checkpoints[epoch] = checkpoint;
        emit CheckpointAnchored(epoch, checkpoint, root, size, prevCheckpoint);
    }

    /// The checkpoint anchored for `epoch`, or zero when it is not anchored.
    function checkpointOf(uint64 epoch) external view returns (bytes32) {
        return _checkpoints[epoch];
    }

    /// The number of anchored epochs, which is the epoch to anchor next. A view: O(log n) reads.
    function nextEpoch() public view returns (uint64) {
        if (_checkpoints[0] == 0) {
            return 0;
        }
        // Anchored epochs are the prefix [0, n): find n by doubling, then bisecting.
        uint256 lo = 0; // anchored
        uint256 hi = 1; // probe
        while (hi <= type(uint64).max && _checkpoints[uint64(hi)] != 0) {
            lo = hi;
            hi <<= 1;
        }
        // lo is anchored; hi is not anchored (or beyond uint64)
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            if (_checkpoints[uint64(mid)] != 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return uint64(hi);
    }

    /// The last anchored epoch; reverts with NoEpochAnchored when there is none.
    function latestEpoch() external view returns (uint64) {
        uint64 next = nextEpoch();
        if (next == 0) {
            revert NoEpochAnchored();
        }
        return next - 1;
    }

    /// The checkpoint hash of the given epoch fields (docs/proof-format.md section 8).
    function checkpointHash(uint64 epoch, bytes32 root, uint64 size, bytes32 prevCheckpoint)
        external
        pure
        returns (bytes32)
    {
        return ProofFormat.checkpoint(epoch, root, size, prevCheckpoint);
    }

    /// Whether `epoch` (its root, size and previous checkpoint) is what was anchored for it.
    function isAnchored(ProofFormat.Epoch calldata epoch) public view returns (bool) {
        bytes32 stored = _checkpoints[epoch.epoch];
        return stored != 0 && stored == ProofFormat.checkpoint(epoch.epoch, epoch.root, epoch.size, epoch.prevCheckpoint);
    }

    // ------------------------------------------------------------------ proofs

    /**
     * @notice RFC 9162 section 2.1.3.2: whether `path` proves that `leafHash` is leaf `index` of
     * the tree of `size` leaves with root `root` (keccak-256, 0x00/0x01 prefixes). Rejects an
     * index not below the size and paths that are too short or too long.
     */
    function verifyInclusion(bytes32 leafHash, uint256 index, uint256 size, bytes32[] calldata path, bytes32 root)
        external
        pure
        returns (bool)
    {
        return ProofFormat.verifyInclusion(leafHash, index, size, path, root);
    }

    /// Whether `leafHash` is leaf `index` of the epoch log as anchored for `epoch`.
    function verifyEpochInclusion(
        bytes32 leafHash,
        uint256 index,
        bytes32[] calldata path,
        ProofFormat.Epoch calldata epoch
    ) external view returns (bool) {
        return isAnchored(epoch) && ProofFormat.verifyInclusion(leafHash, index, epoch.size, path, epoch.root);
    }

    /// The reading leaf hash (docs/proof-format.md section 5) of `reading` in a batch of `gateway`.
    function readingLeafHash(ProofFormat.Reading calldata reading, address gateway) external view returns (bytes32) {
        return ProofFormat.readingLeafHash(reading, gateway);
    }

    /// The batch leaf hash (docs/proof-format.md section 5) of `batch` in this registry's epoch log.
    function batchLeafHash(ProofFormat.Batch calldata batch) external view returns (bytes32) {
        return ProofFormat.batchLeafHash(batch, address(this));
    }

    /**
     * @notice Checks a reading end to end: the reading leaf is leaf `readingIndex` of the batch
     * tree (size batch.batchSize, root batch.batchRoot); the batch leaf is leaf `batchIndex` of
     * the epoch log (size epoch.size, root epoch.root); the epoch's checkpoint is the one anchored
     * here; and the batch's gateway was active when the reading was taken
     * (timestampMillis / 1000). Returns Valid or the first check that failed.
     */
    function checkReading(
        ProofFormat.Reading calldata reading,
        uint256 readingIndex,
        bytes32[] calldata readingPath,
        ProofFormat.Batch calldata batch,
        uint256 batchIndex,
        bytes32[] calldata epochPath,
        ProofFormat.Epoch calldata epoch
    ) public view returns (ReadingCheck) {
        bytes32 readingLeaf = ProofFormat.readingLeafHash(reading, batch.gateway);
        if (!ProofFormat.verifyInclusion(readingLeaf, readingIndex, batch.batchSize, readingPath, batch.batchRoot)) {
            return ReadingCheck.ReadingNotInBatch;
        }
        bytes32 batchLeaf = ProofFormat.batchLeafHash(batch, address(this));
        if (!ProofFormat.verifyInclusion(batchLeaf, batchIndex, epoch.size, epochPath, epoch.root)) {
            return ReadingCheck.BatchNotInEpoch;
        }
        if (!isAnchored(epoch)) {
            return ReadingCheck.EpochNotAnchored;
        }
        if (!isGatewayActive(batch.gateway, reading.timestampMillis / 1000)) {
            return ReadingCheck.GatewayNotActive;
        }
        return ReadingCheck.Valid;
    }

    /// Whether {checkReading} finds the reading Valid.
    function verifyReading(
        ProofFormat.Reading calldata reading,
        uint256 readingIndex,
        bytes32[] calldata readingPath,
        ProofFormat.Batch calldata batch,
        uint256 batchIndex,
        bytes32[] calldata epochPath,
        ProofFormat.Epoch calldata epoch
    ) external view returns (bool) {
        return checkReading(reading, readingIndex, readingPath, batch, batchIndex, epochPath, epoch)
            == ReadingCheck.Valid;
    }

    // ------------------------------------------------------------------ batch headers (EIP-712)

    /// The EIP-712 domain separator: name "Citygate", version "1", this chain, this contract.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// The EIP-712 digest of `header`: what the gateway signs, and the header hash.
    function batchHeaderDigest(ProofFormat.BatchHeader calldata header) public view returns (bytes32) {
        return _hashTypedDataV4(ProofFormat.batchHeaderStructHash(header));
    }

    /// The signer of `header`, or zero when `signature` is not a valid 65-byte r || s || v
    /// signature with low s and v in {27, 28}.
    function batchSigner(ProofFormat.BatchHeader calldata header, bytes calldata signature)
        external
        view
        returns (address)
    {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(batchHeaderDigest(header), signature);
        return err == ECDSA.RecoverError.NoError ? signer : address(0);
    }

    // ------------------------------------------------------------------ gateways

    /**
     * @notice Registers gateway key `gateway`, valid from `validFrom` (inclusive) until
     * `validUntil` (exclusive), in Unix seconds; FOREVER for no end.
     */
    function registerGateway(address gateway, bytes32 metadataHash, uint64 validFrom, uint64 validUntil)
        external
        onlyRole(REGISTRAR_ROLE)
    {
        if (gateway == address(0)) {
            revert ZeroAddress();
        }
        if (validFrom >= validUntil) {
            revert InvalidValidity(validFrom, validUntil);
        }
        Gateway storage g = _gateways[gateway];
        if (g.validUntil != 0) {
            revert GatewayAlreadyRegistered(gateway);
        }
        g.metadataHash = metadataHash;
        g.validFrom = validFrom;
        g.validUntil = validUntil;
        emit GatewayRegistered(gateway, metadataHash, validFrom, validUntil);
    }

    /**
     * @notice Replaces gateway key `oldKey`, which must be active now, by `newKey`: the old key's
     * validity ends now, the new key's begins now and ends when the old one would have. The new
     * key keeps the metadata; the two records link to each other.
     */
    function rotateGatewayKey(address oldKey, address newKey) external onlyRole(REGISTRAR_ROLE) {
        if (newKey == address(0)) {
            revert ZeroAddress();
        }
        uint64 timestamp = uint64(block.timestamp);
        Gateway storage old = _gateways[oldKey];
        if (old.validUntil == 0) {
            revert UnknownGateway(oldKey);
        }
        if (!_isActive(old, timestamp)) {
            revert GatewayNotActive(oldKey, timestamp);
        }
        Gateway storage next = _gateways[newKey];
        if (next.validUntil != 0) {
            revert GatewayAlreadyRegistered(newKey);
        }
        uint64 validUntil = old.validUntil;
        next.metadataHash = old.metadataHash;
        next.validFrom = timestamp;
        next.validUntil = validUntil;
        next.predecessor = oldKey;
        old.validUntil = timestamp;
        old.successor = newKey;
        emit GatewayKeyRotated(oldKey, newKey, timestamp, validUntil);
    }

    /**
     * @notice Revokes gateway key `gateway` from now on: it is not active at or after this block's
     * time; what it signed while it was active stays valid.
     */
    function revokeGateway(address gateway) external onlyRole(REGISTRAR_ROLE) {
        Gateway storage g = _gateways[gateway];
        if (g.validUntil == 0) {
            revert UnknownGateway(gateway);
        }
        if (g.revokedAt != 0) {
            revert GatewayAlreadyRevoked(gateway);
        }
        uint64 timestamp = uint64(block.timestamp);
        g.revokedAt = timestamp;
        emit GatewayRevoked(gateway, timestamp);
    }

    /// Whether `gateway` is a registered key that was valid and not revoked at `atTimeSeconds`.
    function isGatewayActive(address gateway, uint64 atTimeSeconds) public view returns (bool) {
        return _isActive(_gateways[gateway], atTimeSeconds);
    }

    /// The record of gateway key `gateway` (all zero when it was never registered).
    function gatewayOf(address gateway) external view returns (Gateway memory) {
        return _gateways[gateway];
    }

    function _isActive(Gateway storage g, uint64 time) private view returns (bool) {
        uint64 revokedAt = g.revokedAt;
        return g.validFrom <= time && time < g.validUntil && (revokedAt == 0 || time < revokedAt);
    }
}
