#!/usr/bin/env node
// Typed leaf data (abi.encode with a type tag) and RFC 6962 leaf hashes, through ethers v6.
//
// stdin:  {"reading": [{chainId, gateway, deviceId, deviceSeq, timestampMillis, payloadHash, salt}, ...],
//          "batch":   [{chainId, registry, gateway, batchSeq, batchRoot, batchSize, headerSigHash}, ...]}
//         numbers as decimal strings, bytes32 and addresses as 0x hex; either list may be omitted.
// stdout: {"reading": [{"data": "0x..", "leafHash": "0x.."}, ...], "batch": [...]}   (input order)
//         data     = abi.encode(uint8 0x01, uint256, address, bytes32, uint64, uint64, bytes32, bytes32)
//                 or abi.encode(uint8 0x02, uint256, address, address, uint64, bytes32, uint64, bytes32)
//         leafHash = keccak256(0x00 || data)
import { AbiCoder, concat, getAddress, keccak256 } from 'ethers';
import { addr, arr, b32, dec, obj, run } from './_common.mjs';

const READING_TAG = 0x01;
const BATCH_TAG = 0x02;
const READING_TYPES = ['uint8', 'uint256', 'address', 'bytes32', 'uint64', 'uint64', 'bytes32', 'bytes32'];
const BATCH_TYPES = ['uint8', 'uint256', 'address', 'address', 'uint64', 'bytes32', 'uint64', 'bytes32'];

const coder = AbiCoder.defaultAbiCoder();

function leaf(types, values) {
  const data = coder.encode(types, values);
  return { data, leafHash: keccak256(concat(['0x00', data])) };
}

run((input) => {
  obj(input, 'input');
  const reading = arr(input.reading ?? [], 'reading').map((r, i) => {
    const p = `reading[${i}]`;
    obj(r, p);
    return leaf(READING_TYPES, [
      READING_TAG,
      BigInt(dec(r.chainId, `${p}.chainId`)),
      getAddress(addr(r.gateway, `${p}.gateway`)),
      b32(r.deviceId, `${p}.deviceId`),
      BigInt(dec(r.deviceSeq, `${p}.deviceSeq`)),
      BigInt(dec(r.timestampMillis, `${p}.timestampMillis`)),
      b32(r.payloadHash, `${p}.payloadHash`),
      b32(r.salt, `${p}.salt`),
    ]);
  });
  const batch = arr(input.batch ?? [], 'batch').map((b, i) => {
    const p = `batch[${i}]`;
    obj(b, p);
    return leaf(BATCH_TYPES, [
      BATCH_TAG,
      BigInt(dec(b.chainId, `${p}.chainId`)),
      getAddress(addr(b.registry, `${p}.registry`)),
      getAddress(addr(b.gateway, `${p}.gateway`)),
      BigInt(dec(b.batchSeq, `${p}.batchSeq`)),
      b32(b.batchRoot, `${p}.batchRoot`),
      BigInt(dec(b.batchSize, `${p}.batchSize`)),
      b32(b.headerSigHash, `${p}.headerSigHash`),
    ]);
  });
  return { reading, batch };
});
