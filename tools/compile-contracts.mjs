// Compiles the Citygate contracts (anchor-service/src/main/solidity) with the pinned npm solc and
// OpenZeppelin contracts (tools/package.json) and writes the committed artifacts:
//
//   anchor-service/src/main/resources/contracts/<Name>.abi   the ABI (JSON)
//   anchor-service/src/main/resources/contracts/<Name>.bin   the creation bytecode (hex, no 0x)
//   anchor-service/src/main/resources/contracts/contracts.json   compiler, settings, source hashes
//
// and, in a separate compile with the same compiler and settings, the test-only contracts
// (anchor-service/src/test/solidity: tokens with awkward behaviours for the contract tests) into
// anchor-service/src/test/resources/test-contracts/, laid out the same way. The two sets never
// share a compile, so the test sources cannot touch the production bytecode.
//
// Usage (from any directory):
//   node tools/compile-contracts.mjs           compile and write the artifacts
//   node tools/compile-contracts.mjs --check   compile in memory; exit 1 naming every artifact that
//                                              differs from a fresh compile (stale), 0 when current
//
// Exit codes: 0 ok, 1 stale artifacts (--check), 2 compile error or warning, bad usage, no solc.
// A compiler warning is an error: the contracts compile cleanly or not at all.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(ROOT, 'tools/node_modules');

/**
 * The contract sets, each compiled on its own: where the sources are, where the artifacts go, and
 * the deployable contracts by source file (libraries with internal functions only are inlined).
 */
const SETS = [
  {
    sources: 'anchor-service/src/main/solidity',
    out: 'anchor-service/src/main/resources/contracts',
    contracts: [
      ['AnchorRegistry.sol', 'AnchorRegistry'],
      ['CityToken.sol', 'CityToken'],
      ['PayoutDistributor.sol', 'PayoutDistributor'],
    ],
  },
  {
    sources: 'anchor-service/src/test/solidity',
    out: 'anchor-service/src/test/resources/test-contracts',
    contracts: [['TestToken.sol', 'TestToken']],
  },
];

/**
 * Compiler settings. cancun: OpenZeppelin 5.7 needs mcopy (shanghai is too old) and solc's default
 * (osaka) is newer than many production clients. runs = 10,000: anchor, claim and the views are
 * called far more often than the contracts are deployed, so cheaper calls beat smaller code.
 */
const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 10000 },
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

function fail(code, message) {
  process.stderr.write(`compile-contracts: ${message}\n`);
  process.exit(code);
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

const args = process.argv.slice(2);
const check = args.includes('--check');
if (args.some((a) => a !== '--check')) {
  fail(2, `unknown argument(s) ${args.filter((a) => a !== '--check').join(' ')}; usage: compile-contracts.mjs [--check]`);
}
if (!existsSync(join(NODE_MODULES, 'solc')) || !existsSync(join(NODE_MODULES, '@openzeppelin/contracts'))) {
  fail(2, `no solc or @openzeppelin/contracts in ${NODE_MODULES}: run tools/install.sh`);
}
const solc = createRequire(join(NODE_MODULES, 'solc/'))('solc');

/** Compiles one set; returns its artifacts as file name -> content. */
function compileSet(set) {
  const dir = join(ROOT, set.sources);
  // The set's sources, by their file names (stable source unit names: the metadata, and so the
  // bytecode, does not depend on where the repository is checked out).
  const sources = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[file] = { content: readFileSync(join(dir, file), 'utf8') };
  }

  // Imports: @openzeppelin/... from tools/node_modules; relative imports resolve to the set's
  // sources, which are all given above.
  const imported = {};
  function findImports(path) {
    if (path.startsWith('@openzeppelin/contracts/')) {
      const file = join(NODE_MODULES, path);
      if (!existsSync(file)) {
        return { error: `not found: ${path} (looked in ${relative(ROOT, file)})` };
      }
      const content = readFileSync(file, 'utf8');
      imported[path] = content;
      return { contents: content };
    }
    return { error: `cannot resolve import ${path}: only @openzeppelin/contracts/ and the sources in ${set.sources}` };
  }

  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const problems = (output.errors ?? []).filter((e) => e.severity !== 'info');
  if (problems.length > 0) {
    for (const e of problems) {
      process.stderr.write(`${e.formattedMessage ?? e.message}\n`);
    }
    fail(2, `${set.sources}: ${problems.length} compiler error(s)/warning(s)`);
  }

  const artifacts = new Map();
  const contracts = {};
  for (const [file, name] of set.contracts) {
    const compiled = output.contracts?.[file]?.[name];
    if (!compiled) {
      fail(2, `${set.sources}/${file} has no contract ${name}`);
    }
    const abi = JSON.stringify(compiled.abi, null, 2) + '\n';
    const bin = compiled.evm.bytecode.object;
    if (!/^[0-9a-f]+$/.test(bin)) {
      fail(2, `${name} has no bytecode (abstract, or unlinked library references)`);
    }
    artifacts.set(`${name}.abi`, abi);
    artifacts.set(`${name}.bin`, bin);
    contracts[name] = {
      source: file,
      abiSha256: sha256(abi),
      binSha256: sha256(bin),
      initCodeBytes: bin.length / 2,
    };
  }
  const sourceHashes = {};
  for (const [file, { content }] of Object.entries(sources)) {
    sourceHashes[`${set.sources}/${file}`] = sha256(content);
  }
  for (const path of Object.keys(imported).sort()) {
    sourceHashes[path] = sha256(imported[path]);
  }
  const ozVersion = JSON.parse(readFileSync(join(NODE_MODULES, '@openzeppelin/contracts/package.json'), 'utf8')).version;
  const manifest = {
    generator: 'tools/compile-contracts.mjs',
    compiler: { name: 'solc (npm, solcjs)', version: solc.version() },
    openzeppelinContracts: ozVersion,
    settings: { evmVersion: SETTINGS.evmVersion, optimizer: SETTINGS.optimizer, metadata: SETTINGS.metadata },
    contracts,
    sourcesSha256: sourceHashes,
  };
  artifacts.set('contracts.json', JSON.stringify(manifest, null, 2) + '\n');
  return artifacts;
}

// [output directory, artifacts] per set.
const compiled = SETS.map((set) => [join(ROOT, set.out), compileSet(set)]);
const total = compiled.reduce((n, [, artifacts]) => n + artifacts.size, 0);

if (check) {
  const stale = [];
  for (const [out, artifacts] of compiled) {
    for (const [name, content] of artifacts) {
      const file = join(out, name);
      if (!existsSync(file)) {
        stale.push(`${relative(ROOT, file)} (missing)`);
      } else if (readFileSync(file, 'utf8') !== content) {
        stale.push(relative(ROOT, file));
      }
    }
    if (existsSync(out)) {
      for (const name of readdirSync(out).sort()) {
        if (!artifacts.has(name)) {
          stale.push(`${relative(ROOT, join(out, name))} (not produced by the compiler any more)`);
        }
      }
    }
  }
  if (stale.length > 0) {
    for (const s of stale) {
      process.stderr.write(`compile-contracts: stale: ${s}\n`);
    }
    fail(1, 'the committed contract artifacts differ from a fresh compile: run node tools/compile-contracts.mjs and commit the result');
  }
  process.stdout.write(`compile-contracts: ${total} artifacts are current (${solc.version()})\n`);
} else {
  for (const [out, artifacts] of compiled) {
    mkdirSync(out, { recursive: true });
    for (const [name, content] of artifacts) {
      const file = join(out, name);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== content) {
        writeFileSync(file, content);
        process.stdout.write(`compile-contracts: wrote ${relative(ROOT, file)}\n`);
      }
    }
  }
  process.stdout.write(`compile-contracts: ${total} artifacts current (${solc.version()})\n`);
}
