import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The determinism and dependency rules are only as good as the lint config that enforces them:
 * these cases prove the config really rejects what the architecture forbids.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint keeps engine code deterministic and offline', () => {
  const engineFile = 'workers/lane/example.ts';
  const forbidden: Array<[string, string]> = [
    ['Math.random', 'export const x = Math.random();\n'],
    ['Date.now', 'export const x = Date.now();\n'],
    ['performance.now', 'export const x = performance.now();\n'],
    ['crypto.randomUUID', 'export const x = crypto.randomUUID();\n'],
    ['fetch', "export const x = fetch('https://example.com');\n"],
    ['XMLHttpRequest', 'export const x = new XMLHttpRequest();\n'],
    ['WebSocket', "export const x = new WebSocket('wss://example.com');\n"],
    ['eval', "export const x = eval('1');\n"],
    ['new Function', "export const x = new Function('return 1');\n"],
    ['React in the engine', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['Math.exp', 'export const x = Math.exp(1);\n'],
    ['Math.log', 'export const x = Math.log(2);\n'],
    ['Math.pow', 'export const x = Math.pow(2, 0.5);\n'],
    ['Math.sin', 'export const x = Math.sin(1);\n'],
    ['Math.cos', 'export const x = Math.cos(1);\n'],
    ['the ** operator', 'export const f = (a: number) => a ** 0.5;\n'],
    ['the **= operator', 'export const f = (a: number) => {\n  a **= 2;\n  return a;\n};\n'],
  ];
  for (const [what, code] of forbidden) {
    it(`rejects ${what} in engine code`, async () => {
      expect(await ruleIds(code, engineFile)).not.toEqual([]);
    });
  }

  it('accepts the injected clock and seeded rng', async () => {
    const code =
      "import type { Clock } from '../core/clock';\nimport { createRng } from '../core/rng';\n" +
      "export const f = (clock: Clock) => createRng('s').next() + clock.now();\n";
    expect(await ruleIds(code, engineFile)).toEqual([]);
  });

  it('lets the deterministic math module implement what it replaces', async () => {
    expect(await ruleIds('export const x = Math.exp(1) ** 2;\n', 'workers/core/detMath.ts')).toEqual([]);
  });

  it('lets only the worker entry read the real clock', async () => {
    expect(await ruleIds('export const now = () => Date.now();\n', 'workers/engine.worker.ts')).toEqual([]);
  });
});

describe('lint keeps the UI on its side of the contract', () => {
  it('rejects importing worker code into the UI', async () => {
    const code = "import { createRng } from '../../workers/core/rng';\nexport const r = createRng;\n";
    expect(await ruleIds(code, 'src/pages/Example.tsx')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('rejects a value import of the contract but accepts a type import', async () => {
    const value =
      "import { EngineApi } from '../../workers/contract';\nexport const a: EngineApi | null = null;\n";
    expect(await ruleIds(value, 'src/pages/Example.tsx')).not.toEqual([]);
    const typed =
      "import type { EngineApi } from '../../workers/contract';\nexport const a: EngineApi | null = null;\n";
    expect(await ruleIds(typed, 'src/pages/Example.tsx')).toEqual([]);
  });

  it('rejects dangerouslySetInnerHTML', async () => {
    const code =
      'export const A = (p: { h: string }) => <div dangerouslySetInnerHTML={{ __html: p.h }} />;\n';
    expect(await ruleIds(code, 'src/pages/Example.tsx')).toContain('no-restricted-syntax');
  });
});
