import { EnablePrompt } from './lab/EnablePrompt';
import { JobsPanel } from './lab/JobsPanel';
import { ResultPanel } from './lab/ResultPanel';
import { SeedPanel } from './lab/SeedPanel';
import { useLab } from './lab/useLab';
import './lab/lab.css';

export function LabPage({ query }: { query: URLSearchParams }) {
  const lab = useLab(query);
  const { settings } = lab;
  if (!settings) return <p className="muted">Reading the lab's settings…</p>;
  return (
    <section className="lab-page">
      <h1>Lab</h1>
      {!settings.enabled && (
        <EnablePrompt
          asked={settings.asked}
          shared={lab.sharedPending}
          onAnswer={(v) => void lab.answer(v)}
        />
      )}
      {lab.error && (
        <p role="alert" className="banner error">
          {lab.error}
        </p>
      )}
      <SeedPanel lab={lab} />
      {lab.shown && <ResultPanel shown={lab.shown} selected={lab.selected} onSelect={lab.setSelected} />}
      <JobsPanel lab={lab} />
    </section>
  );
}
