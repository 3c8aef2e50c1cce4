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
