// Cold start (SPEC §3 runtime-cycle): from nothing up, bring up every service whose runtime requirements are met.
import type { Compiled } from "./compiled.js";
import { scratchOf } from "./scratch.js";

export interface ColdStart {
  /** 1 for services that never come up (the set N). */
  never: Uint8Array;
  /** 1 for runtime requirements met once everything that can come up is up. */
  met: Uint8Array;
}

export function coldStart(g: Compiled): ColdStart {
  const { n, runtime, byMemberStart, byMember } = g;
  const scratch = scratchOf(g);
  const unmet = scratch.int32(n);
  const met = new Uint8Array(runtime.owner.length);
  const up = scratch.uint8(n);
  const queue = scratch.int32(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    unmet[i] = (runtime.start[i + 1] as number) - (runtime.start[i] as number);
    if (unmet[i] === 0) {
      up[i] = 1;
      queue[tail++] = i;
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head] as number;
    for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
      const r = byMember[k] as number;
      if (met[r]) continue;
      met[r] = 1;
      const x = runtime.owner[r] as number;
      unmet[x] = (unmet[x] as number) - 1;
      if (unmet[x] === 0 && !up[x]) {
        up[x] = 1;
        queue[tail++] = x;
      }
    }
  }
  const never = new Uint8Array(n);
  for (let i = 0; i < n; i++) never[i] = up[i] ? 0 : 1;
  scratch.give(unmet, up, queue);
  return { never, met };
}
