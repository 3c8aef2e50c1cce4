import { useEffect, useState } from 'react';
import type { EnhancementPackage, ModelFamily, ModelProfile, PromptStyle } from '../../../workers/contract';
import { downloadBytes } from '../../components/download';
import { engine, errorMessage } from '../../engine';

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** Build the package for a model profile; copy the system prompt or download JSON and text. */
export function EnhancementPanel({ runId, contextKeys }: { runId: number | null; contextKeys: string[] }) {
  const [profiles, setProfiles] = useState<ModelProfile[]>([]);
  const [profileId, setProfileId] = useState<ModelFamily>('openai');
  const [question, setQuestion] = useState('Which option should we take?');
  const [pkg, setPkg] = useState<EnhancementPackage | null>(null);
  const [edit, setEdit] = useState<ModelProfile | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    engine.colonyProfiles().then(setProfiles, () => setProfiles([]));
  }, []);
  const profile = profiles.find((p) => p.id === profileId);

  const build = async () => {
    if (runId === null) return;
    setNote(null);
    try {
      setPkg(await engine.colonyEnhancementPackage({ question, runId, profile: profileId, contextKeys }));
    } catch (err) {
      setNote({ kind: 'error', text: errorMessage(err) });
    }
  };
  const save = async () => {
    if (!edit) return;
    try {
      await engine.colonySaveProfile(edit);
      setProfiles(await engine.colonyProfiles());
      setEdit(null);
      setNote({ kind: 'ok', text: `Saved the ${edit.name} profile.` });
    } catch (err) {
      setNote({ kind: 'error', text: errorMessage(err) });
    }
  };
  const enc = (s: string) => new TextEncoder().encode(s);

  return (
    <section className="panel" aria-labelledby="pkg-h">
      <h2 id="pkg-h">Enhancement package</h2>
      <p className="muted">
        A package for a model of your choice. Dreamlane calls no model: copy it or download it.
      </p>
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`banner ${note.kind}`}>
          {note.text}
        </p>
      )}
      <div className="row">
        <label>
          Question <input value={question} onChange={(e) => setQuestion(e.target.value)} />
        </label>
        <label>
          Model profile{' '}
          <select
            aria-label="Model profile"
            value={profileId}
            onChange={(e) => setProfileId(e.target.value as ModelFamily)}
          >
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          disabled={!profile}
          onClick={() => setEdit(profile ? { ...profile } : null)}
        >
          Edit profile
        </button>
        <button type="button" disabled={runId === null || !question.trim()} onClick={() => void build()}>
          Build package
        </button>
      </div>
      {edit && (
        <form
          className="colony-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            Name <input value={edit.name} onChange={(e) => setEdit({ ...edit, name: e.target.value })} />
          </label>
          <label>
            Strengths (one a line)
            <textarea
              value={edit.strengths.join('\n')}
              onChange={(e) => setEdit({ ...edit, strengths: lines(e.target.value) })}
            />
          </label>
          <label>
            Weaknesses (one a line)
            <textarea
              value={edit.weaknesses.join('\n')}
              onChange={(e) => setEdit({ ...edit, weaknesses: lines(e.target.value) })}
            />
          </label>
          <label>
            Style
            <select
              value={edit.style}
              onChange={(e) => setEdit({ ...edit, style: e.target.value as PromptStyle })}
            >
              <option value="markdown">markdown</option>
              <option value="xml">tagged sections</option>
              <option value="plain">plain</option>
            </select>
          </label>
          <label>
            Longest prompt (characters)
            <input
              type="number"
              min={500}
              max={50000}
              value={edit.maxPromptChars}
              onChange={(e) => setEdit({ ...edit, maxPromptChars: Number(e.target.value) || 500 })}
            />
          </label>
          <div className="row">
            <button type="submit">Save profile</button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void engine.colonyResetProfile(edit.id).then((ps) => {
                  setProfiles(ps);
                  setEdit(null);
                })
              }
            >
              Reset to built-in
            </button>
          </div>
        </form>
      )}
      {pkg && (
        <div data-testid="package">
          <p>
            Recommended: <strong>{pkg.recommendedApproach.label}</strong> — {pkg.recommendedApproach.why}
          </p>
          <p>
            Alternatives: {pkg.alternatives.map((a) => a.label).join(', ') || 'none'} · tone {pkg.tone}
          </p>
          <ul aria-label="Pitfalls">
            {pkg.pitfalls.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
          <label className="colony-prompt">
            System prompt
            <textarea readOnly value={pkg.systemPrompt} rows={12} />
          </label>
          <div className="row">
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard.writeText(pkg.systemPrompt).then(
                  () => setNote({ kind: 'ok', text: 'Copied the system prompt.' }),
                  () =>
                    setNote({
                      kind: 'error',
                      text: 'The browser refused the clipboard; select the text and copy it.',
                    }),
                )
              }
            >
              Copy prompt
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                downloadBytes(
                  enc(JSON.stringify(pkg, null, 2)),
                  `dreamlane-package-${pkg.profile.id}.json`,
                  'application/json',
                )
              }
            >
              Download JSON
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                downloadBytes(enc(pkg.systemPrompt), `dreamlane-prompt-${pkg.profile.id}.txt`, 'text/plain')
              }
            >
              Download text
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
