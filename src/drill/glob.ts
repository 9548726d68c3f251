// Name patterns (SPEC §4): `*` within one `/`-separated part of a name, `**` across parts; matched in O(pattern × name), never by backtracking.

const STAR = -1;
const GLOBSTAR = -2;
const SLASH = 47;

/** True when a `--fail` term is a pattern rather than a plain name. */
export function isPattern(text: string): boolean {
  return text.includes("*");
}

/**
 * A matcher for whole names. The pattern is a sequence of literal characters, `*` (any text without
 * `/`) and `**` (any text); the match simulates the pattern as an automaton, one set of positions
 * per character of the name, so `*a*a*a*a*aX` against a long name costs its length times the
 * pattern's, where a backtracking regular expression takes exponential time.
 */
export function globMatcher(pattern: string): (name: string) => boolean {
  const tokens: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charCodeAt(i);
    if (ch === 42 /* * */) {
      if (pattern.charCodeAt(i + 1) === 42) {
        tokens.push(GLOBSTAR);
        i++;
      } else tokens.push(STAR);
    } else tokens.push(ch);
  }
  const m = tokens.length;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // Positions reachable without reading: a star may match nothing.
  const close = (set: Uint8Array) => {
    for (let i = 0; i < m; i++) if (set[i] && (tokens[i] as number) < 0) set[i + 1] = 1;
  };
  return (name: string) => {
    cur.fill(0);
    cur[0] = 1;
    close(cur);
    for (let k = 0; k < name.length; k++) {
      const c = name.charCodeAt(k);
      next.fill(0);
      let any = false;
      for (let i = 0; i < m; i++) {
        if (!cur[i]) continue;
        const t = tokens[i] as number;
        if (t === GLOBSTAR || (t === STAR && c !== SLASH)) {
          next[i] = 1;
          any = true;
        } else if (t === c) {
          next[i + 1] = 1;
          any = true;
        }
      }
      if (!any) return false;
      close(next);
      [cur, next] = [next, cur];
    }
    return cur[m] === 1;
  };
}
