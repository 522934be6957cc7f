/** Euclidean distance between two points of the same length. */
export function distance(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += ((p[i] as number) - (q[i] as number)) ** 2;
  return Math.sqrt(s);
}
