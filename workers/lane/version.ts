/**
 * The lane engine's version. A share link carries it, so a link made by an engine whose results may
 * differ (other sampling, other scoring) is recognised as such when opened. Raise it whenever the same
 * seed would give a different result hash.
 */
export const LANE_ENGINE_VERSION = '1';
