import type { Branch } from '../../../workers/contract';

/** A plain baseline branch for the Lab's view tests, with `over` laid on top. */
export function testBranch(over: Partial<Branch>): Branch {
  return {
    id: 'b',
    label: 'b',
    variant: 'baseline',
    parent_id: null,
    depth: 0,
    settings: [],
    assumptions: [],
    scores: { utility: 0.6, risk: 0.05, novelty: 0, confidence: 0.9 },
    stakeholders: [],
    samples: 100,
    mean: 50,
    sd: 10,
    percentiles: { p1: 20, p5: 30, p25: 45, p50: 50, p75: 55, p95: 70, p99: 80 },
    histogram: [],
    failure_probability: 0.05,
    cvar: 25,
    risks: [],
    ethics_warnings: [],
    ...over,
  };
}
