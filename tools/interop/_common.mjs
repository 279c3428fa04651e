// Shared stdin/stdout plumbing and strict input checks for the interop scripts.
// Contract: one JSON document on stdin, one JSON document on stdout;
// on any error a message on stderr and exit code 1.
import { basename } from 'node:path';

export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new Error('empty input: expected one JSON document on stdin');
  return JSON.parse(text);
}

export function run(main) {
  readStdinJson()
    .then((input) => main(input))
    .then((output) => {
      process.stdout.write(JSON.stringify(output) + '\n');
    })
    .catch((err) => {
      const script = basename(process.argv[1] ?? 'interop');
      process.stderr.write(`${script}: ${err && err.message ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX_BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** Decimal string (JSON numbers are refused: they lose precision above 2^53). Returns it unchanged. */
export function dec(value, what) {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new Error(`${what}: expected a decimal string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** 0x + 40 hex digits. Returns it unchanged. */
export function addr(value, what) {
  if (typeof value !== 'string' || !HEX_ADDRESS.test(value)) {
    throw new Error(`${what}: expected an address (0x + 40 hex digits), got ${JSON.stringify(value)}`);
  }
  return value;
}

/** 0x + 64 hex digits. Returns it lower-cased. */
export function b32(value, what) {
  if (typeof value !== 'string' || !HEX_BYTES32.test(value)) {
    throw new Error(`${what}: expected bytes32 (0x + 64 hex digits), got ${JSON.stringify(value)}`);
  }
  return value.toLowerCase();
}

export function obj(value, what) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what}: expected a JSON object`);
  }
  return value;
}

export function arr(value, what) {
  if (!Array.isArray(value)) throw new Error(`${what}: expected a JSON array`);
  return value;
}
