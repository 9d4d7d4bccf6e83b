/**
 * Edit distance of two short words for "did you mean" hints: insertions, deletions, substitutions
 * and swaps of two neighbouring letters, each costing 1 (the optimal string alignment distance:
 * `vsm` is one edit from `vms`, where plain Levenshtein counted two).
 */
export const editDistance = (a: string, b: string): number => {
  // Three rows: the one before the previous is what a swap looks back to.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length] as number;
};
