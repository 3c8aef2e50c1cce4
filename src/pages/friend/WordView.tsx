import { useEffect, useId, useState } from 'react';
import type { FriendWordView } from '../../../workers/contract';
import { engine } from '../../engine';
import { NeighbourChart, NextWordChart } from './WordCharts';

interface Props {
  busy: boolean;
  /** Runs the look-up as a page action (its error is shown like any other). */
  attempt(fn: () => Promise<string | void>): Promise<boolean>;
}

/** Look inside the field: for one word, what it would say next and the company the word keeps. */
export function WordView({ busy, attempt }: Props) {
  const [draft, setDraft] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [view, setView] = useState<FriendWordView | null>(null);
  const listId = useId();

  // Suggestions follow what is typed; a late answer for an older prefix is dropped.
  useEffect(() => {
    let live = true;
    const prefix = draft.trim().split(/\s+/).at(-1) ?? '';
    engine.friendKnownWords(prefix, 20).then(
      (words) => live && setSuggestions(words),
      () => live && setSuggestions([]),
    );
    return () => {
      live = false;
    };
  }, [draft]);

  const show = (text: string) =>
    attempt(async () => {
      setView(await engine.friendWordView(text, 8));
    });

  return (
    <section className="panel friend-words" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`}>Look inside a word</h2>
      <p className="muted small">
        The field is counts: which word came after which, and which words were near each other. Pick a word to
        see them. Two words (“on the”) show what follows that pair.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void show(draft);
        }}
      >
        <label htmlFor={`${listId}-word`}>Word</label>
        <input
          id={`${listId}-word`}
          list={`${listId}-known`}
          value={draft}
          maxLength={200}
          autoComplete="off"
          placeholder="e.g. word"
          onChange={(e) => setDraft(e.target.value)}
        />
        <datalist id={`${listId}-known`}>
          {suggestions.map((w) => (
            <option key={w} value={w} />
          ))}
        </datalist>
        <button type="submit" disabled={busy || draft.trim() === ''}>
          Show
        </button>
      </form>
      {view && <WordViewResult view={view} />}
    </section>
  );
}

function WordViewResult({ view }: { view: FriendWordView }) {
  if (!view.known) {
    return (
      <p data-testid="word-view-unknown">
        The field does not know “{view.word}” yet. Say it in the chat and it will.
      </p>
    );
  }
  return (
    <div data-testid="word-view">
      <p>
        “{view.word}” was seen {view.count.toLocaleString()} {view.count === 1 ? 'time' : 'times'}.
        {view.next.length === 0 && ' Nothing has come after it yet.'}
      </p>
      {view.next.length > 0 && <NextWordChart view={view} />}
      {view.neighbours.length > 0 && <NeighbourChart view={view} />}
    </div>
  );
}
