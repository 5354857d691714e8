/** Where the query's words occur in a text (case-insensitive), merged into ranges. */
export function hitRanges(text: string, q: string): [number, number][] {
  const words = [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))];
  const lower = text.toLowerCase();
  // toLowerCase() keeps the length for Norwegian and most text; where it does not, nothing is marked.
  if (lower.length !== text.length) return [];
  const ranges: [number, number][] = [];
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) ranges.push([at, at + word.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
