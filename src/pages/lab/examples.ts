import type { DreamSeed } from '../../../workers/contract';

export interface ExampleEntry {
  file: string;
  title: string;
  /** Written for the engine (the canary, stress tests) rather than for a first visit. */
  advanced?: boolean;
}

export interface Example {
  title: string;
  description: string;
  seed: DreamSeed;
}

// Relative URLs: the app may be served from any folder.
export async function listExamples(): Promise<ExampleEntry[]> {
  const res = await fetch('./examples/index.json');
  if (!res.ok) throw new Error(`Could not load the examples (${res.status}).`);
  return (await res.json()) as ExampleEntry[];
}

export async function loadExample(file: string): Promise<Example> {
  const res = await fetch(`./examples/${encodeURIComponent(file)}`);
  if (!res.ok) throw new Error(`Could not load the example ${file} (${res.status}).`);
  return (await res.json()) as Example;
}
