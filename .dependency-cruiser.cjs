// The import rules of the code base, checked in CI (`npm run depcheck`). Type-only imports count:
// a type cycle still ties modules together for the reader and the compiler.
//
// Layers point one way:
//   contract <- core <- store <- runtime <- engines (lane, colony, friend) <- api <- engine.worker
// and the UI (src/) sees only the contract.
const engines = '(lane|colony|friend)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules in a cycle cannot be read, tested or changed one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      comment: 'workers/contract is the ground every layer and the UI stand on: it imports nothing else.',
      from: { path: '^workers/contract/' },
      to: { path: '^(workers/(?!contract/)|src/)' },
    },
    {
      name: 'core-stays-below-store',
      severity: 'error',
      comment: 'core is pure helpers (rng, math, errors, hashing): it knows no storage, runtime or engine.',
      from: { path: '^workers/core/' },
      to: { path: `^workers/(store|runtime|api|${engines})/|^workers/engine\\.worker\\.ts$` },
    },
    {
      name: 'store-stays-below-runtime',
      severity: 'error',
      comment: 'The store is the database and its persistence; it knows no runtime, engine or API.',
      from: { path: '^workers/store/' },
      to: { path: `^workers/(runtime|api|${engines})/|^workers/engine\\.worker\\.ts$` },
    },
    {
      name: 'runtime-stays-below-engines',
      severity: 'error',
      comment: 'The runtime serves every engine; it never imports one (erase asks owners through api/).',
      from: { path: '^workers/runtime/' },
      to: { path: `^workers/(api|${engines})/|^workers/engine\\.worker\\.ts$` },
    },
    {
      name: 'engines-stay-below-the-api',
      severity: 'error',
      comment: 'Engines never reach up into the API composition or the worker entry.',
      from: { path: `^workers/${engines}/` },
      to: { path: '^workers/api/|^workers/engine\\.worker\\.ts$' },
    },
    {
      name: 'lane-reads-no-other-engine',
      severity: 'error',
      from: { path: '^workers/lane/', pathNot: '\\.test\\.ts$' },
      to: { path: '^workers/(colony|friend)/' },
    },
    {
      name: 'friend-reads-no-other-engine',
      severity: 'error',
      from: { path: '^workers/friend/', pathNot: '\\.test\\.ts$' },
      to: { path: '^workers/(lane|colony)/' },
    },
    {
      name: 'colony-reads-the-lane-only-through-its-read-model',
      severity: 'error',
      comment: 'One engine reads another only through a named read model (workers/lane/results.ts).',
      from: { path: '^workers/colony/', pathNot: '\\.test\\.ts$' },
      to: { path: '^workers/(friend/|lane/(?!results\\.ts$))' },
    },
    {
      name: 'api-stays-below-the-entry',
      severity: 'error',
      from: { path: '^workers/api/' },
      to: { path: '^workers/engine\\.worker\\.ts$' },
    },
    {
      name: 'ui-sees-only-the-contract',
      severity: 'error',
      comment: 'The UI runs on the main thread and talks to the worker through src/engine.ts only.',
      from: { path: '^src/' },
      to: { path: '^workers/(?!contract/)' },
    },
    {
      name: 'workers-never-import-the-ui',
      severity: 'error',
      comment: 'A test may read what the UI ships (e.g. its example data) to check what it teaches.',
      from: { path: '^workers/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'shipped-code-imports-no-test-helper',
      severity: 'error',
      from: { pathNot: '(\\.test\\.ts$|^workers/.*/test[A-Z][A-Za-z]*\\.ts$|^bench/|^e2e/)' },
      to: { path: '(\\.test\\.ts$|^workers/.*/test[A-Z][A-Za-z]*\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dev-dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.worker.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
