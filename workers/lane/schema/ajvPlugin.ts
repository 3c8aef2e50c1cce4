import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:matada-validator';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const SCHEMA_PATH = 'public/schemas/matada_node_v1.json';

// Ajv's standalone output still `require`s one runtime helper even in ESM mode; a worker bundle has no
// `require`, so the helper is inlined (same body as ajv/dist/runtime/ucs2length).
const UCS2_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';
const UCS2_INLINE = `function __ucs2length(str) {
  const len = str.length; let length = 0; let pos = 0; let value;
  while (pos < len) {
    length++; value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) { value = str.charCodeAt(pos); if ((value & 0xfc00) === 0xdc00) pos++; }
  }
  return length;
}`;

/**
 * Compiles the MATADA node schema into plain validation code at build time (and under Vitest), so
 * the worker validates nodes without compiling anything at run time: the CSP forbids eval and
 * `new Function`, which is what Ajv would otherwise use.
 */
export function generateMatadaValidator(root: string): string {
  const schema: unknown = JSON.parse(readFileSync(resolve(root, SCHEMA_PATH), 'utf8'));
  const ajv = new Ajv2020({ code: { source: true, esm: true }, allErrors: true, strict: true });
  const validate = ajv.compile(schema as object);
  let code = standaloneCode(ajv, validate).replace(UCS2_REQUIRE, '__ucs2length');
  if (/\brequire\(/.test(code))
    throw new Error('matada validator: unexpected runtime require in generated code');
  if (/new Function|\beval\(/.test(code))
    throw new Error('matada validator: generated code compiles code at run time');
  code = code.replace('"use strict";', `"use strict";${UCS2_INLINE}`);
  return code;
}

function servePlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'dreamlane-matada-validator',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      this.addWatchFile(resolve(root, SCHEMA_PATH));
      return generateMatadaValidator(root);
    },
  };
}

/**
 * The validator as a virtual module, for the app and, because Vite bundles workers with their own
 * plugin list, for the worker bundle too (added through `worker.plugins` unless the config sets one).
 */
export function matadaValidatorPlugin(): Plugin {
  return {
    ...servePlugin(),
    config(config) {
      const existing = config.worker?.plugins;
      return {
        worker: {
          plugins: () => [...(existing ? existing() : []), servePlugin()],
        },
      };
    },
  };
}
