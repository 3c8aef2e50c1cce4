/** A colour for a branch from its utility and risk: green when it is good and safe, red when not. */
export function scoreColor(utility: number, risk: number): string {
  const goodness = Math.max(0, Math.min(1, utility * (1 - risk)));
  const hue = Math.round(goodness * 130);
  return `hsl(${hue} 65% 82%)`;
}
