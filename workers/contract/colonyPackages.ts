// Model profiles and the enhancement package built from a verdict; candidates read from the lane.

import type { CandidateInput, Tone } from './colonyModel';

export type ModelFamily = 'openai' | 'gemini' | 'claude' | 'llama' | 'custom';
export type PromptStyle = 'markdown' | 'xml' | 'plain';

export interface ModelProfile {
  id: ModelFamily;
  name: string;
  strengths: string[];
  weaknesses: string[];
  style: PromptStyle;
  /** Longest system prompt to produce, in characters. */
  maxPromptChars: number;
}

export interface EnhancementOptions {
  question: string;
  runId: number;
  profile: ModelFamily;
  /** Keys of the context the result was dreamed with; their values are never used. */
  contextKeys?: string[];
  /** Context values to keep out of the package (scrubbed wherever they appear). */
  context?: Record<string, unknown>;
}

export interface EnhancementPackage {
  question: string;
  profile: ModelProfile;
  recommendedApproach: { candidateId: string; label: string; why: string; confidence: number };
  alternatives: Array<{ candidateId: string; label: string; score: number; risk: number }>;
  riskAnalysis: Array<{
    candidateId: string;
    label: string;
    risk: number;
    level: 'low' | 'medium' | 'high';
    note: string;
  }>;
  confidenceMap: Array<{ candidateId: string; label: string; support: number }>;
  pitfalls: string[];
  tone: Tone;
  contextKeys: string[];
  warnings: string[];
  systemPrompt: string;
}

export interface LaneCandidates {
  jobId: string;
  goal: string;
  contextKeys: string[];
  candidates: CandidateInput[];
}
