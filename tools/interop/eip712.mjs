#!/usr/bin/env node
// EIP-712 BatchHeader hashing, signing and recovery through ethers v6.
//
// stdin:  {"domain": {"name", "version", "chainId" (decimal string), "verifyingContract"},
//          "headers": [{"gateway", "batchSeq", "prevHeaderHash", "root", "size",
//                       "firstTimestamp", "lastTimestamp"}, ...],
//          "privateKey": "0x.."}
//         numbers as decimal strings, bytes32 and addresses as 0x hex.
// stdout: {"domainSeparator": "0x..",
//          "results": [{"structHash", "digest", "signature", "recovered"}, ...]}   (input order)
//         signature = 65 bytes r || s || v (v 27/28, low s); recovered = EIP-55 address.
import { TypedDataEncoder, Wallet, getAddress, recoverAddress, verifyTypedData } from 'ethers';
import { addr, arr, b32, dec, obj, run } from './_common.mjs';

const TYPES = {
  BatchHeader: [
    { name: 'gateway', type: 'address' },
    { name: 'batchSeq', type: 'uint64' },
    { name: 'prevHeaderHash', type: 'bytes32' },
    { name: 'root', type: 'bytes32' },
    { name: 'size', type: 'uint64' },
    { name: 'firstTimestamp', type: 'uint64' },
    { name: 'lastTimestamp', type: 'uint64' },
  ],
};

run((input) => {
  obj(input, 'input');
  const d = obj(input.domain, 'domain');
  if (typeof d.name !== 'string') throw new Error('domain.name: expected a string');
  if (typeof d.version !== 'string') throw new Error('domain.version: expected a string');
  const domain = {
    name: d.name,
    version: d.version,
    chainId: BigInt(dec(d.chainId, 'domain.chainId')),
    verifyingContract: getAddress(addr(d.verifyingContract, 'domain.verifyingContract')),
  };
  if (typeof input.privateKey !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(input.privateKey)) {
    throw new Error('privateKey: expected 0x + 64 hex digits');
  }
  const wallet = new Wallet(input.privateKey);
  const encoder = TypedDataEncoder.from(TYPES);

  const results = arr(input.headers, 'headers').map((h, i) => {
    obj(h, `headers[${i}]`);
    const p = `headers[${i}]`;
    const value = {
      gateway: getAddress(addr(h.gateway, `${p}.gateway`)),
      batchSeq: BigInt(dec(h.batchSeq, `${p}.batchSeq`)),
      prevHeaderHash: b32(h.prevHeaderHash, `${p}.prevHeaderHash`),
      root: b32(h.root, `${p}.root`),
      size: BigInt(dec(h.size, `${p}.size`)),
      firstTimestamp: BigInt(dec(h.firstTimestamp, `${p}.firstTimestamp`)),
      lastTimestamp: BigInt(dec(h.lastTimestamp, `${p}.lastTimestamp`)),
    };
    const structHash = encoder.hashStruct('BatchHeader', value);
    const digest = TypedDataEncoder.hash(domain, TYPES, value);
    const signature = wallet.signingKey.sign(digest).serialized;
    const recovered = verifyTypedData(domain, TYPES, value, signature);
    // Internal consistency: the raw-digest path and the typed-data path must agree.
    if (recoverAddress(digest, signature) !== recovered || recovered !== wallet.address) {
      throw new Error(`${p}: signature recovery disagrees with the signing key`);
    }
    return { structHash, digest, signature, recovered };
  });

  return { domainSeparator: TypedDataEncoder.hashDomain(domain), results };
});
