import { EngineError } from '../core/errors';
import type { FormulaIssue } from '../contract/lane';
import { normalizeSeed } from './seed';

/**
 * A seed's problems as a list for the editor (inline errors), from the same checks scheduling runs.
 * Runs nothing and writes nothing.
 */
export function checkSeed(raw: unknown): FormulaIssue[] {
  try {
    normalizeSeed(raw, 0);
    return [];
  } catch (err) {
    return issuesOf(err);
  }
}

/** The BAD_INPUT error of normalizeSeed as issues; anything else is rethrown. */
export function issuesOf(err: unknown): FormulaIssue[] {
  if (!(err instanceof EngineError) || err.code !== 'BAD_INPUT') throw err;
  const d = err.details ?? {};
  if (Array.isArray(d.issues)) return d.issues as FormulaIssue[];
  return [{ field: typeof d.field === 'string' ? d.field : 'seed', message: err.message }];
}
