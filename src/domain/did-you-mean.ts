// "Did you mean": the accepted name closest to an unknown one (contract §12).

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The candidate closest to `input`, compared by `key` (both sides), when it is
 * close enough to be a slip: at most one edit in a name of up to four characters,
 * else at most a third of the longer name. Ties go to the candidate listed first.
 */
export function closestName(
  input: string,
  candidates: Iterable<string>,
  key: (text: string) => string = (text) => text.trim().toLowerCase(),
): string | undefined {
  const wanted = key(input);
  if (wanted === "") return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = key(candidate);
    const longer = Math.max(wanted.length, other.length);
    const allowed = longer <= 4 ? 1 : Math.floor(longer / 3);
    // The distance is at least the difference in length: a name far longer than
    // any candidate (a 100 KB product) is not measured, which would cost its
    // length times the candidate's, for each candidate, on each record.
    if (Math.abs(wanted.length - other.length) > allowed) continue;
    const distance = editDistance(wanted, other);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
}
