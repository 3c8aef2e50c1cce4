import { useEffect, useRef, useState } from 'react';
import { ProgressLine } from '../../components/ProgressLine';
import { FRIEND_LIMITS, sizeNote } from './limits';
import type { FriendController } from './useFriend';

/**
 * From this many characters a text is kept aside, with a summary in place of the box, instead of in
 * the box. A box holding a book-sized text is laid out whole by the browser (every line shaped to
 * find the box's height), and when the text leaves it the browser frees all of that at some later
 * moment in one go: with a 5.5 MB text pasted and taught, the page's thread stopped for 0.6–1.4 s
 * halfway through the teaching, and everything the page asked of the engine waited with it.
 */
export const ASIDE_CHARS = 100_000;

/** What the box holds: text typed (or pasted) into it, or a long text kept aside. */
interface Box {
  typed: string;
  aside: string | null;
}

const EMPTY: Box = { typed: '', aside: null };

/** A text where it belongs by its length: in the box, or aside. */
function place(text: string): Box {
  return text.length >= ASIDE_CHARS ? { typed: '', aside: text } : { typed: text, aside: null };
}

/** The first words of a long text, for its summary. */
function opening(text: string): string {
  const start = text.slice(0, 120).replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${start}…` : start;
}

/** "Teach a text": the box (or the summary of a long text kept aside), its size and the Teach button. */
export function TeachBox({ page }: { page: FriendController }) {
  const [box, setBox] = useState<Box>(EMPTY);
  const text = box.aside ?? box.typed;
  const size = sizeNote(text.length, FRIEND_LIMITS.teachChars);
  const area = useRef<HTMLTextAreaElement>(null);
  // Clearing a text kept aside brings the box back: the focus goes to it, not to the page's top.
  const [focusBox, setFocusBox] = useState(false);
  useEffect(() => {
    if (focusBox && box.aside === null) {
      area.current?.focus();
      setFocusBox(false);
    }
  }, [focusBox, box.aside]);

  return (
    <>
      <h4 id="friend-teach-heading">
        {box.aside === null ? <label htmlFor="friend-teach">Teach a text</label> : 'Teach a text'}
      </h4>
      {box.aside === null ? (
        <textarea
          id="friend-teach"
          ref={area}
          rows={4}
          value={box.typed}
          onChange={(e) => setBox(place(e.target.value))}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text/plain');
            const el = e.currentTarget;
            const next = el.value.slice(0, el.selectionStart) + pasted + el.value.slice(el.selectionEnd);
            // A short paste lands in the box as usual; a long one never reaches it.
            if (next.length < ASIDE_CHARS) return;
            e.preventDefault();
            setBox(place(next));
          }}
          placeholder="Paste a story…"
          aria-describedby="friend-teach-size"
          aria-invalid={size.over}
        />
      ) : (
        <div
          className="friend-aside"
          role="group"
          aria-labelledby="friend-teach-heading"
          aria-describedby="friend-teach-size"
          data-testid="teach-aside"
        >
          <p>
            A pasted text of {box.aside.length.toLocaleString('en-US')} characters, ready to teach:{' '}
            <q>{opening(box.aside)}</q>
          </p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setBox(EMPTY);
              setFocusBox(true);
            }}
          >
            Clear the pasted text
          </button>
        </div>
      )}
      <p id="friend-teach-size" className={size.over ? 'friend-size-over small' : 'muted small'}>
        Up to {FRIEND_LIMITS.teachChars.toLocaleString('en-US')} characters (about a million words), read in
        slices with progress. {text.length > 0 ? size.text : null}
      </p>
      <div className="row">
        <button
          type="button"
          disabled={page.busy || text.trim() === '' || size.over}
          onClick={() => {
            // The text leaves the box while it is taught and comes back if it is not learned (unless
            // something new was typed or pasted meanwhile): a megabyte-sized text left in the box made
            // the browser lay the page out again with every progress update, 50–240 ms a time.
            setBox(EMPTY);
            void page.teach(text).then((ok) => {
              if (!ok) setBox((now) => (now.typed === '' && now.aside === null ? place(text) : now));
            });
          }}
        >
          Teach
        </button>
      </div>
      <ProgressLine op={page.teaching} label="Teaching" />
    </>
  );
}
