import { EnablePrompt } from './lab/EnablePrompt';
import { GuidedStart } from './lab/GuidedStart';
import { JobsPanel } from './lab/JobsPanel';
import { ResultPanel } from './lab/ResultPanel';
import { SeedPanel } from './lab/SeedPanel';
import { SharedLinkNotice } from './lab/SharedLinkNotice';
import { useGuidedStart } from './lab/useGuidedStart';
import { useLab } from './lab/useLab';
import './lab/lab.css';

export function LabPage({ query }: { query: URLSearchParams }) {
  const lab = useLab(query);
  const guided = useGuidedStart();
  const { settings } = lab;
  if (!settings) return <p className="muted">Reading the lab's settings…</p>;
  const fromLink = query.has('seed');
  // A first visit with nothing run yet gets the guided start; a share link goes straight to its result.
  const showGuide = guided.firstVisit && !fromLink && lab.jobs.length === 0 && !lab.shown;
  const result = lab.shown && (
    <ResultPanel shown={lab.shown} selected={lab.selected} onSelect={lab.setSelected} reveal={lab.reveal} />
  );
  const leadWithResult = lab.shown?.fromLink !== undefined;
  return (
    <section className="lab-page">
      <h1>Lab</h1>
      {showGuide && (
        <GuidedStart
          examples={lab.examples}
          enabled={settings.enabled}
          busy={lab.job.running || lab.loadingExample !== null}
          onTry={(file) => {
            guided.done();
            void lab.tryExample(file);
          }}
          onDismiss={guided.done}
        />
      )}
      {!settings.enabled && (
        <EnablePrompt
          asked={settings.asked}
          shared={lab.sharedPending}
          onAnswer={(v) => void lab.answer(v)}
        />
      )}
      <SharedLinkNotice shared={lab.shared} />
      {lab.error && (
        <p role="alert" className="banner error">
          {lab.error}
        </p>
      )}
      {leadWithResult && result}
      <SeedPanel lab={lab} />
      {!leadWithResult && result}
      <JobsPanel lab={lab} />
    </section>
  );
}
