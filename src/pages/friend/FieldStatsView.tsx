import type { FriendStats } from '../../../workers/contract';

/** What the field holds: counts, and the themes it found. */
export function FieldStatsView({ stats }: { stats: FriendStats }) {
  return (
    <div>
      <dl className="facts" aria-label="Field statistics">
        <dt>Tokens observed</dt>
        <dd data-testid="stat-tokens">{stats.tokens.toLocaleString()}</dd>
        <dt>Observations</dt>
        <dd>{stats.observations.toLocaleString()}</dd>
        <dt>Vocabulary</dt>
        <dd>{stats.vocabulary.toLocaleString()}</dd>
        <dt>Bigrams</dt>
        <dd>{stats.bigrams.toLocaleString()}</dd>
        <dt>Trigrams</dt>
        <dd>{stats.trigrams.toLocaleString()}</dd>
        <dt>Co-occurrences</dt>
        <dd>{stats.cooccurrences.toLocaleString()}</dd>
        <dt>Messages</dt>
        <dd>{stats.messages.toLocaleString()}</dd>
        <dt>Dreams</dt>
        <dd data-testid="stat-dreams">{stats.dreams.toLocaleString()}</dd>
      </dl>
      <h4>Themes</h4>
      {stats.themes.length === 0 ? (
        <p className="muted">No themes yet: words need to meet more often.</p>
      ) : (
        <ul className="friend-themes" aria-label="Themes">
          {stats.themes.map((t) => (
            <li key={t.id}>{t.words.join(' · ')}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
