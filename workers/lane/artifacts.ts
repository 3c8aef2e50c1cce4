import { canonicalJson } from '../core/canonicalJson';
import { sha256Hex } from '../core/hash';
import type { Db } from '../store/db';
import type { ArtifactChainCheck } from '../contract/lane';

/**
 * The lane's "memory inbox": an append-only table where every row carries the hash of the row before
 * it, so a changed, removed or reordered row breaks the chain. The lane only appends; the one read is
 * the chain check, which returns whether the chain holds and never a payload.
 */
export const GENESIS = '0'.repeat(64);

function rowHash(prev: string, traceId: string, kind: string, createdMs: number, payload: string): string {
  return sha256Hex(`${prev}\n${traceId}\n${kind}\n${createdMs}\n${payload}`);
}

/** Appends one artifact; call inside the job's final transaction. */
export function appendArtifact(
  db: Db,
  traceId: string,
  kind: string,
  createdMs: number,
  payload: unknown,
): string {
  const head = db.get<{ row_hash: string }>('SELECT row_hash FROM lane_artifacts ORDER BY id DESC LIMIT 1');
  const prev = head?.row_hash ?? GENESIS;
  const body = canonicalJson(payload);
  const hash = rowHash(prev, traceId, kind, createdMs, body);
  db.run(
    'INSERT INTO lane_artifacts (trace_id, kind, created_ms, payload_json, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?)',
    [traceId, kind, createdMs, body, prev, hash],
  );
  return hash;
}

export function verifyArtifactChain(db: Db): ArtifactChainCheck {
  const rows = db.all<{
    id: number;
    trace_id: string;
    kind: string;
    created_ms: number;
    payload_json: string;
    prev_hash: string;
    row_hash: string;
  }>(
    'SELECT id, trace_id, kind, created_ms, payload_json, prev_hash, row_hash FROM lane_artifacts ORDER BY id',
  );
  let prev = GENESIS;
  for (const r of rows) {
    if (
      r.prev_hash !== prev ||
      rowHash(prev, r.trace_id, r.kind, r.created_ms, r.payload_json) !== r.row_hash
    ) {
      return { ok: false, rows: rows.length, broken_at: r.id, head: prev };
    }
    prev = r.row_hash;
  }
  return { ok: true, rows: rows.length, broken_at: null, head: prev };
}
