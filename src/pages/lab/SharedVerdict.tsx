import type { Shown } from './useLab';

/** Whether a result opened from a share link reproduced the sharer's: same hash, same engine version. */
export function SharedVerdict({ shown }: { shown: Shown }) {
  const link = shown.fromLink;
  if (!link) return null;
  const engineNow = shown.share.engine_version;
  const otherEngine = link.engine !== null && link.engine !== engineNow;
  if (link.hash === null) {
    return (
      <p className="banner shared-verdict" role="status" data-testid="shared-verdict">
        This result was reproduced from a share link. The link carries no result hash to compare with; its
        hash here is shown below.
      </p>
    );
  }
  const same = link.hash === shown.result_hash;
  return (
    <p className={`banner shared-verdict ${same ? 'ok' : 'bad'}`} role="status" data-testid="shared-verdict">
      {same
        ? 'Reproduced from a share link: the result hash matches the one shared, so this is exactly the same result.'
        : `Reproduced from a share link, but the result hash differs from the one shared (${link.hash.slice(0, 12)}…)${
            otherEngine
              ? `: the link was made by engine ${link.engine}, this is ${engineNow}.`
              : '. The link may have been edited.'
          }`}
    </p>
  );
}
