// The Friend page's slice of the contract: its API and the data types that cross to the UI.
// Two voices live here: the answering field (a small language field of counted words, "leo" on the
// wire, as its design names it) and the imaginary friend it dreams with ("friend").

export type ExpertName = 'structural' | 'semantic' | 'creative' | 'precise' | 'wounded';

/** Presence of one text: each in [0, 1]. */
export interface Pulse {
  /** Share of the text's trigrams the field had never seen. */
  novelty: number;
  /** Capitals, exclamation and repetition. */
  arousal: number;
  /** Mean normalised entropy of the sampling steps (for a prompt: of its own words). */
  entropy: number;
}

export interface FriendMessage {
  id: number;
  /** `leo` is the answering field (the design's name for it); `user` is you. */
  role: 'user' | 'leo';
  text: string;
  createdAt: number;
  expert: ExpertName | null;
  temperature: number | null;
  semanticWeight: number | null;
  /**
   * A prompt's own pulse; for a reply, the turn's: the prompt's novelty and arousal (which chose the
   * expert) and the mean entropy of the reply's sampling steps.
   */
  pulse: Pulse | null;
  trauma: number | null;
  quality: number | null;
  /** The dream dialog that followed this reply, if one ran. */
  dialogId: number | null;
}

/** What the field did in one turn, beside the stored messages: enough for a plain line under a reply. */
export interface TurnMetrics {
  /** Distinct words of the prompt (marks apart), and how many of them the field knew before the turn. */
  promptWords: number;
  knownWords: number;
  /** Each expert's share of the blend that set the reply's temperature and semantic weight. */
  expertWeights: Record<ExpertName, number>;
  /** Share of the reply's steps drawn from a trigram row (the rest backed off to word pairs). */
  trigramShare: number;
  /** Whether a dream with the imaginary friend followed, and the gate's word for why (or why not). */
  dream: { ran: boolean; reason: string };
}

/** One chat turn as stored (the UI appends these; it does not read the history back). */
export interface FriendTurn {
  user: FriendMessage;
  reply: FriendMessage;
  metrics: TurnMetrics;
}

export interface DreamTurn {
  id: number;
  /** `leo` is the answering field, `friend` its imaginary friend. */
  speaker: 'leo' | 'friend';
  text: string;
  trauma: number;
  pulse: Pulse;
}

export interface DreamDialog {
  id: number;
  startedAt: number;
  finishedAt: number;
  episodesCount: number;
  avgTrauma: number;
  avgArousal: number;
  note: string;
  turns: DreamTurn[];
}

export interface DreamFragment {
  id: number;
  text: string;
  weight: number;
}

/** One fragment's weight after one dream run. */
export interface FragmentPoint {
  dialogId: number;
  fragmentId: number;
  weight: number;
}

export interface FriendFragments {
  fragments: DreamFragment[];
  history: FragmentPoint[];
}

export interface FriendTheme {
  id: number;
  words: string[];
}

export interface FriendStats {
  /** Tokens observed (origin, chat, dreams and ingested text). */
  tokens: number;
  observations: number;
  vocabulary: number;
  bigrams: number;
  trigrams: number;
  cooccurrences: number;
  themes: FriendTheme[];
  messages: number;
  dreams: number;
  dreamsEnabled: boolean;
  /** The origin text currently in use. */
  origin: string;
  originIsDefault: boolean;
}

export interface FriendIngestResult {
  tokens: number;
  observations: number;
}

/** What "dream now" did: the dialog, or why there was none (the chat is never affected). */
export interface FriendDreamResult {
  dialog: DreamDialog | null;
  reason: string;
}

/** One possible next word and its share of the row it comes from. */
export interface WordChance {
  word: string;
  count: number;
  /** count over the whole row's total, in [0, 1]. */
  probability: number;
}

/** A word the field keeps company with, within ±5 tokens (the decayed co-occurrence count). */
export interface WordNeighbour {
  word: string;
  strength: number;
}

/** The teaching view of one word: what the field would say after it, and the company it keeps. */
export interface FriendWordView {
  /** As the field shows it (or as typed, when it does not know it). */
  word: string;
  known: boolean;
  /** Times the field has seen it. */
  count: number;
  /** P(next | word), from the bigram row, strongest first. */
  next: WordChance[];
  /** The word before it: the one asked for, or the one it most often follows; null if none. */
  before: string | null;
  /** P(next | before, word), from that trigram row. */
  nextAfterBoth: WordChance[];
  neighbours: WordNeighbour[];
}

/** The Friend page's slice of the engine API: the answering field and its imaginary friend. */
export interface FriendApi {
  /** One chat turn: both messages as stored (the reply with its expert, pulse, trauma and quality) and what the field did. */
  friendChat(text: string): Promise<FriendTurn>;
  /** The last `limit` chat messages, oldest first. */
  friendHistory(limit?: number): Promise<FriendMessage[]>;
  friendStats(): Promise<FriendStats>;
  /** Dream dialogs with their turns, newest first. */
  friendDreams(limit?: number): Promise<DreamDialog[]>;
  /** The imaginary friend's fragments now, and every fragment's weight after every dream. */
  friendFragments(): Promise<FriendFragments>;
  /** Run a dream dialog now, bypassing the switch, cooldown, gates and draw. */
  friendDreamNow(): Promise<FriendDreamResult>;
  friendSetDreamsEnabled(enabled: boolean): Promise<boolean>;
  /** Replace the origin: it is ingested once and re-seeds the imaginary friend's fragments. */
  friendSetOrigin(text: string): Promise<FriendStats>;
  /** Empty the field, chat and dreams, then bootstrap again from the current origin. */
  friendReset(): Promise<FriendStats>;
  /**
   * Teach the field a long text (at most `FriendTextLimits.teachChars` characters), read in slices
   * with progress (`friend.ingest`: step `ingest` counts characters read, step `themes` tokens);
   * cancellable between slices, keeping every observation counted before the cancel.
   */
  friendIngest(text: string, opId: string): Promise<FriendIngestResult>;
  /**
   * The teaching view of a word (the last word of `text`; a word before it, if given, is the trigram's
   * context): next-word probabilities and strongest co-occurrences, `limit` of each (default 10).
   */
  friendWordView(text: string, limit?: number): Promise<FriendWordView>;
  /** Known words starting with `prefix`, most frequent first (default 20). */
  friendKnownWords(prefix: string, limit?: number): Promise<string[]>;
}

/**
 * How many characters the friend accepts in one call. A type of literals, so that the worker's
 * limits and the page's (which may only import types from here) cannot drift apart.
 */
export interface FriendTextLimits {
  chatChars: 4000;
  originChars: 50_000;
  teachChars: 6_000_000;
}

/**
 * A text to teach longer than `FriendTextPartChars` crosses to the worker in parts, one message
 * each (`friendTextPart`), and `friendIngest` then names them by count and length instead of
 * carrying the text: taking in a 6M-character text in one message held the engine's thread about
 * 30 ms in Chromium, a wait for any request sent then. src/engine.ts does this for the pages.
 */
export interface FriendTextSentInParts {
  parts: number;
  chars: number;
}

/** The most characters in one part of a text sent in parts (a literal, pinned on both sides). */
export type FriendTextPartChars = 524_288;
