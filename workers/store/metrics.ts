import { canonicalJson } from '../core/canonicalJson';
import type { Db } from './db';
import type { MetricSample } from '../contract/base';

export type Labels = Record<string, string>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Adds `by` to a persisted counter. Call inside the operation's transaction. */
export function incrementCounter(db: Db, name: string, help: string, labels: Labels = {}, by = 1): void {
  if (!NAME.test(name)) throw new Error(`bad metric name ${name}`);
  db.run(
    `INSERT INTO metrics (name, labels, kind, help, value) VALUES (?, ?, 'counter', ?, ?)
     ON CONFLICT(name, labels) DO UPDATE SET value = value + excluded.value`,
    [name, canonicalJson(labels), help, by],
  );
}

export function readMetrics(db: Db): MetricSample[] {
  return db
    .all<{ name: string; labels: string; kind: string; help: string; value: number }>(
      'SELECT name, labels, kind, help, value FROM metrics ORDER BY name, labels',
    )
    .map((r) => ({
      name: r.name,
      labels: JSON.parse(r.labels) as Labels,
      kind: r.kind === 'gauge' ? 'gauge' : 'counter',
      help: r.help,
      value: r.value,
    }));
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** Prometheus text exposition format (version 0.0.4). */
export function toPrometheusText(samples: readonly MetricSample[]): string {
  const byName = new Map<string, MetricSample[]>();
  for (const s of samples) {
    const list = byName.get(s.name) ?? [];
    list.push(s);
    byName.set(s.name, list);
  }
  const lines: string[] = [];
  for (const [name, list] of byName) {
    lines.push(`# HELP ${name} ${escapeHelp(list[0]!.help)}`);
    lines.push(`# TYPE ${name} ${list[0]!.kind}`);
    for (const s of list) {
      const keys = Object.keys(s.labels).sort();
      const lbl = keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(s.labels[k]!)}"`).join(',')}}` : '';
      lines.push(`${name}${lbl} ${s.value}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
