#!/usr/bin/env node
// Payout tree through @openzeppelin/merkle-tree (StandardMerkleTree, default options:
// sorted leaves, sorted pairs, leaf = keccak256(keccak256(abi.encode(values)))).
//
// stdin:  {"values": [[chainId, distributor, pool, epoch, account, cumulativeAmount], ...]}
//         numbers as decimal strings, addresses as 0x hex.
// stdout: {"root": "0x..", "entries": [{"index": i, "leafHash": "0x..", "proof": ["0x..", ...]}, ...]}
//         one entry per input value, in input order; index is the input index.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { addr, arr, dec, obj, run } from './_common.mjs';

const TYPES = ['uint256', 'address', 'uint8', 'uint64', 'address', 'uint256'];
const CHECKS = [dec, addr, dec, dec, addr, dec];
const NAMES = ['chainId', 'distributor', 'pool', 'epoch', 'account', 'cumulativeAmount'];

run((input) => {
  obj(input, 'input');
  const values = arr(input.values, 'values').map((row, i) => {
    arr(row, `values[${i}]`);
    if (row.length !== TYPES.length) {
      throw new Error(`values[${i}]: expected ${TYPES.length} fields (${NAMES.join(', ')}), got ${row.length}`);
    }
    return row.map((v, j) => CHECKS[j](v, `values[${i}].${NAMES[j]}`));
  });
  if (values.length === 0) throw new Error('values: at least one value is required');

  const tree = StandardMerkleTree.of(values, TYPES);
  return {
    root: tree.root,
    entries: values.map((value, i) => ({
      index: i,
      leafHash: tree.leafHash(value),
      proof: tree.getProof(i),
    })),
  };
});
