/**
 * The lane engine's version. A share link carries it, so a link made by an engine whose results may
 * differ (other sampling, other scoring) is recognised as such when opened. Raise it whenever the same
 * seed would give a different result hash.
 */
// 2: the pilot sized to the job (a twentieth of its samples per branch, 500 to 2,000): jobs of fewer
// than 40,000 samples per branch give other results than under version 1.
export const LANE_ENGINE_VERSION = '2';
