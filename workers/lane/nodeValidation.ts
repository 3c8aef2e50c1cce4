// The node-side tsconfig does not include workers/**/*.d.ts, so the virtual module is declared by reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./schema/matadaValidator.d.ts" />
import validate from 'virtual:matada-validator';
import type { NodeValidation } from './types';

/** Validates a node with the validator Ajv generated at build time from public/schemas/matada_node_v1.json. */
export function validateNode(node: unknown): NodeValidation {
  const valid = validate(node);
  const errors = valid
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  return { valid, errors };
}
