// The friend engine's slice of the contract: its API and the data types that cross to the UI.

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

export interface FriendTurn {
  user: FriendMessage;
  reply: FriendMessage;
}

export interface DreamTurn {
  id: number;
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

/** The dream-friend field's slice of the engine API. */
export interface FriendApi {
  /** One chat turn: the reply with the expert, pulse, trauma and quality of the turn. */
  friendChat(text: string): Promise<FriendTurn>;
  /** The last `limit` chat messages, oldest first. */
  friendHistory(limit?: number): Promise<FriendMessage[]>;
  friendStats(): Promise<FriendStats>;
  /** Dream dialogs with their turns, newest first. */
  friendDreams(limit?: number): Promise<DreamDialog[]>;
  /** The friend's fragments now, and every fragment's weight after every dream. */
  friendFragments(): Promise<FriendFragments>;
  /** Run a dream dialog now, bypassing the switch, cooldown, gates and draw. */
  friendDreamNow(): Promise<FriendDreamResult>;
  friendSetDreamsEnabled(enabled: boolean): Promise<boolean>;
  /** Replace the origin: it is ingested once and re-seeds the friend's fragments. */
  friendSetOrigin(text: string): Promise<FriendStats>;
  /** Empty the field, chat and dreams, then bootstrap again from the current origin. */
  friendReset(): Promise<FriendStats>;
  /**
   * Teach the field a long text (at most `FriendTextLimits.teachChars` characters), read in slices
   * with progress (`friend.ingest`: step `ingest` counts characters read, step `themes` tokens);
   * cancellable between slices, keeping every observation counted before the cancel.
   */
  friendIngest(text: string, opId: string): Promise<FriendIngestResult>;
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
