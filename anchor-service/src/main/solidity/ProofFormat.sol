// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/**
 * @title ProofFormat
 * @notice The Citygate proof format (docs/proof-format.md) on chain: the RFC 6962 leaf and node
 * hashes with keccak-256 (section 2), the RFC 9162 section 2.1.3.2 inclusion check (section 2.1),
 * the typed reading and batch leaves (section 5) and the checkpoint hash (section 8).
 * Every function is internal, so the library is inlined into the contracts that use it.
 * The Java library `proofs` and this file must agree bit for bit; the contract tests check that.
 */
library ProofFormat {
    /// Leaf type tag of a reading leaf (section 5).
    uint8 internal constant READING_LEAF = 0x01;
    /// Leaf type tag of a batch leaf (section 5).
    uint8 internal constant BATCH_LEAF = 0x02;

    /// A reading, as committed to by its leaf in a gateway's batch tree (section 5).
    /// The leaf's chainId is block.chainid and its gateway is the batch's gateway.
    struct Reading {
        bytes32 deviceId; // keccak256(UTF-8 device id text)
        uint64 deviceSeq;
        uint64 timestampMillis;
        bytes32 payloadHash; // keccak256(canonical reading bytes)
        bytes32 salt;
    }

    /// A gateway batch, as committed to by its leaf in the epoch log (section 5).
    /// The leaf's chainId is block.chainid and its registry is the registry contract.
    struct Batch {
        address gateway;
        uint64 batchSeq;
        bytes32 batchRoot;
        uint64 batchSize;
        bytes32 headerSigHash; // keccak256(r || s || v) of the gateway's header signature
    }

    /// A closed epoch of the epoch log (section 8).
    struct Epoch {
        uint64 epoch;
        bytes32 root;
        uint64 size;
        bytes32 prevCheckpoint;
    }

    /// A gateway's batch header (section 7), signed with EIP-712 in the registry's domain.
    struct BatchHeader {
        address gateway;
        uint64 batchSeq;
        bytes32 prevHeaderHash;
        bytes32 root;
        uint64 size;
        uint64 firstTimestamp;
        uint64 lastTimestamp;
    }

    /// keccak256 of the EIP-712 type of BatchHeader (section 7).
    bytes32 internal constant BATCH_HEADER_TYPEHASH = keccak256(
        "BatchHeader(address gateway,uint64 batchSeq,bytes32 prevHeaderHash,bytes32 root,uint64 size,uint64 firstTimestamp,uint64 lastTimestamp)"
    );

    /// The EIP-712 hashStruct of `header` (section 7).
    function batchHeaderStructHash(BatchHeader calldata header) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                BATCH_HEADER_TYPEHASH,
                header.gateway,
                header.batchSeq,
                header.prevHeaderHash,
                header.root,
                header.size,
                header.firstTimestamp,
                header.lastTimestamp
            )
        );
    }

    /// RFC 6962 leaf hash keccak256(0x00 || data).
    function leafHash(bytes memory data) internal pure returns (bytes32 result) {
        assembly ("memory-safe") {
            let length := mload(data)
            // The word before the data holds its length; put the 0x00 prefix in that word's last
            // byte, hash from there, then restore the length.
            let prefixAt := add(data, 31)
            mstore8(prefixAt, 0x00)
            result := keccak256(prefixAt, add(length, 1))
            mstore(data, length)
        }
    }

    /// RFC 6962 node hash keccak256(0x01 || left || right).
    function nodeHash(bytes32 left, bytes32 right) internal pure returns (bytes32 result) {
        assembly ("memory-safe") {
            // Scratch use of the free memory without moving the pointer.
            let p := mload(0x40)
            mstore8(p, 0x01)
            mstore(add(p, 1), left)
            mstore(add(p, 33), right)
            result := keccak256(p, 65)
        }
    }

    /**
     * @notice RFC 9162 section 2.1.3.2: whether `path` proves that `leaf` is leaf `index` of the
     * tree of `size` leaves with root `root`. A path that is too short or too long, or an index
     * that is not below the size, fails.
     */
    function verifyInclusion(bytes32 leaf, uint256 index, uint256 size, bytes32[] calldata path, bytes32 root)
        internal
        pure
        returns (bool)
    {
        if (index >= size) {
            return false;
        }
        uint256 fn = index;
        uint256 sn = size - 1;
        bytes32 r = leaf;
        uint256 length = path.length;
        for (uint256 i = 0; i < length; ++i) {
            if (sn == 0) {
                return false; // proof too long
            }
            bytes32 p = path[i];
            if (fn & 1 == 1 || fn == sn) {
                r = nodeHash(p, r);
                if (fn & 1 == 0) {
                    // right-most border: climb until fn is odd or 0
                    while (fn & 1 == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r == root; // sn != 0: proof too short
    }

    /// The reading leaf hash (section 5) of `reading` in a batch of `gateway` on this chain.
    function readingLeafHash(Reading calldata reading, address gateway) internal view returns (bytes32) {
        return leafHash(
            abi.encode(
                READING_LEAF,
                block.chainid,
                gateway,
                reading.deviceId,
                reading.deviceSeq,
                reading.timestampMillis,
                reading.payloadHash,
                reading.salt
            )
        );
    }

    /// The batch leaf hash (section 5) of `batch` in the epoch log of `registry` on this chain.
    function batchLeafHash(Batch calldata batch, address registry) internal view returns (bytes32) {
        return leafHash(
            abi.encode(
                BATCH_LEAF,
                block.chainid,
                registry,
                batch.gateway,
                batch.batchSeq,
                batch.batchRoot,
                batch.batchSize,
                batch.headerSigHash
            )
        );
    }

    /// checkpoint = keccak256(abi.encode(uint64 epoch, uint64 size, bytes32 root, bytes32 prevCheckpoint)).
    function checkpoint(uint64 epoch, bytes32 root, uint64 size, bytes32 prevCheckpoint)
        internal
        pure
        returns (bytes32 result)
    {
        assembly ("memory-safe") {
            // abi.encode of four static words, in scratch memory past the free pointer.
            let p := mload(0x40)
            mstore(p, and(epoch, 0xffffffffffffffff))
            mstore(add(p, 0x20), and(size, 0xffffffffffffffff))
            mstore(add(p, 0x40), root)
            mstore(add(p, 0x60), prevCheckpoint)
            result := keccak256(p, 0x80)
        }
    }
}
