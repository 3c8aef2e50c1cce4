import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** APIs that make engine output depend on something other than its inputs, seed and clock. */
const nondeterministic = [
  { object: 'Math', property: 'random', message: 'Engine code takes a seeded Rng (workers/core/rng.ts).' },
  {
    object: 'Date',
    property: 'now',
    message: 'Engine code takes an injected Clock (workers/core/clock.ts).',
  },
  { object: 'performance', property: 'now', message: 'Engine code takes an injected Clock.' },
  { object: 'crypto', property: 'randomUUID', message: 'Derive ids from the seed or the database.' },
  { object: 'crypto', property: 'getRandomValues', message: 'Engine code takes a seeded Rng.' },
  { object: 'navigator', property: 'sendBeacon', message: 'Nothing leaves the machine.' },
];
/**
 * Math functions whose last bit differs between JavaScript engines: engine code uses the fdlibm port
 * in workers/core/detMath.ts so a shared seed gives the same bits in every browser.
 */
const engineDependentMath = ['exp', 'log', 'pow', 'sin', 'cos'].map((property) => ({
  object: 'Math',
  property,
  message: `Use ${property} from workers/core/detMath.ts: Math.${property} may round differently in another browser.`,
}));
const exponentOperator = [
  {
    selector: "BinaryExpression[operator='**'], AssignmentExpression[operator='**=']",
    message:
      'Use pow from workers/core/detMath.ts (or a literal / x * x): `**` may round differently in another browser.',
  },
];
const network = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts'].map((name) => ({
  name,
  message: 'Engine code never touches the network: nothing leaves the machine.',
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'dev-dist/',
      'node_modules/',
      'bench/results/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic hook rules. The compiler-era rules (e.g. set-state-in-effect) flag the
      // pattern every page uses on purpose: load from the worker in an effect, then set state.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workers/**', '!**/workers/contract'],
              message:
                'The UI talks to the engine only through src/engine.ts; import workers/contract types only.',
            },
            {
              group: ['**/workers/contract'],
              allowTypeImports: true,
              message: 'Import the contract with `import type`: the UI must not bundle worker code.',
            },
            { group: ['sql.js', 'sql.js/*'], message: 'Only the engine worker touches SQLite.' },
          ],
        },
      ],
      'react/no-danger': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'User text is rendered as text.',
        },
      ],
    },
  },
  {
    // Engine code: pure and deterministic. The entry and browser adapters are the only exceptions.
    files: ['workers/**/*.ts'],
    ignores: [
      'workers/engine.worker.ts',
      'workers/lockdown.ts',
      'workers/**/*.test.ts',
      'workers/**/*Plugin.ts',
    ],
    rules: {
      'no-restricted-properties': ['error', ...nondeterministic, ...engineDependentMath],
      'no-restricted-syntax': ['error', ...exponentOperator],
      'no-restricted-globals': ['error', ...network],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', '**/src/**'],
              message: 'Engine code never imports the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    // The deterministic math module is the one place that implements these functions.
    files: ['workers/core/detMath.ts'],
    rules: { 'no-restricted-properties': ['error', ...nondeterministic], 'no-restricted-syntax': 'off' },
  },
  {
    files: ['workers/**/*.test.ts'],
    rules: { 'no-restricted-properties': ['error', ...nondeterministic.filter((r) => r.property !== 'now')] },
  },
);
