import { formatFixed } from '../../components/format';

/** Chart tooltips show numbers rounded like the rest of the page. */
export const roundTip = (value: unknown): string =>
  typeof value === 'number' ? formatFixed(value) : String(value ?? '');
