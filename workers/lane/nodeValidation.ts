// The node-side tsconfig does not include workers/**/*.d.ts, so the virtual module is declared by reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./schema/matadaValidator.d.ts" />
import validate from 'virtual:matada-validator';
import { EngineError } from '../core/errors';
import type { NodeValidation } from '../contract/lane';

/** Validates a node with the validator Ajv generated at build time from public/schemas/matada_node_v1.json. */
export function validateNode(node: unknown): NodeValidation {
  const valid = validate(node);
  const errors = valid
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  return { valid, errors };
}

/**
 * Throws INTERNAL naming the first node that fails the schema or is not a HYPOTHESIS (the schema allows
 * DECISION and AWARENESS; the lane must never emit them). An invalid node is a bug, never output.
 */
export function assertValidNodes(nodes: ReadonlyArray<{ id?: unknown; type?: unknown }>): void {
  for (const node of nodes) {
    const v = validateNode(node);
    if (!v.valid)
      throw new EngineError(
        'INTERNAL',
        `MATADA node ${String(node.id)} failed the schema: ${v.errors.join('; ')}`,
        {
          errors: v.errors,
        },
      );
    if (node.type !== 'HYPOTHESIS')
      throw new EngineError(
        'INTERNAL',
        `MATADA node ${String(node.id)} has type ${String(node.type)}; the lane emits only HYPOTHESIS nodes.`,
      );
  }
}
