// Runs in: the main process. Groups items joined by pairs (near-duplicate photos) into
// connected components with union-find (path halving, union by size).

/** Components of size >= 2, each sorted ascending, largest first. */
export function groupPairs(n: number, a: ArrayLike<number>, b: ArrayLike<number>): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const size = new Int32Array(n).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const up = parent[parent[x] ?? x] ?? x;
      parent[x] = up;
      x = up;
    }
    return x;
  };
  for (let i = 0; i < a.length; i++) {
    let x = find(a[i] ?? 0);
    let y = find(b[i] ?? 0);
    if (x === y) continue;
    if ((size[x] ?? 0) < (size[y] ?? 0)) [x, y] = [y, x];
    parent[y] = x;
    size[x] = (size[x] ?? 0) + (size[y] ?? 0);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if ((size[root] ?? 0) < 2) continue;
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()].sort((x, y) => y.length - x.length || (x[0] ?? 0) - (y[0] ?? 0));
}
