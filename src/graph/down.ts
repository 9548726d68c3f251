// The blast radius Down(F) (SPEC §2): the least set holding F and every service with a runtime requirement inside it.
import type { Compiled } from "./compiled.js";
import { reqSize } from "./compiled.js";

/**
 * A reusable Down(F) computation. Propagation counts, per runtime requirement, how many of its
 * members are down; a requirement with all members down takes its owner down. Linear in what it
 * touches, and `reset` clears only that, so many small computations stay cheap.
 */
export class DownSet {
  readonly isDown: Uint8Array;
  readonly downCount: Int32Array;
  /** The services in the set, in the order they went down. */
  readonly members: number[] = [];
  private readonly touched: number[] = [];

  constructor(readonly g: Compiled) {
    this.isDown = new Uint8Array(g.n);
    this.downCount = new Int32Array(g.runtime.owner.length);
  }

  reset(): void {
    for (const m of this.members) this.isDown[m] = 0;
    for (const r of this.touched) this.downCount[r] = 0;
    this.members.length = 0;
    this.touched.length = 0;
  }

  /** True when runtime requirement r lies wholly inside the set. */
  reqDown(r: number): boolean {
    return this.downCount[r] === reqSize(this.g.runtime, r);
  }

  /**
   * Adds the services `seeds` and everything they take down. With `admit`, propagation adds only
   * services it admits (exact for every service whose runtime requirements are all admitted, recursively).
   */
  add(seeds: Iterable<number>, admit?: (id: number) => boolean): void {
    const { isDown, downCount, members, touched } = this;
    const { byMemberStart, byMember, runtime } = this.g;
    let head = members.length;
    for (const s of seeds) {
      if (!isDown[s]) {
        isDown[s] = 1;
        members.push(s);
      }
    }
    while (head < members.length) {
      const v = members[head++] as number;
      for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
        const r = byMember[k] as number;
        const c = (downCount[r] as number) + 1;
        if (c === 1) touched.push(r);
        downCount[r] = c;
        if (c !== reqSize(runtime, r)) continue;
        const x = runtime.owner[r] as number;
        if (isDown[x] || (admit && !admit(x))) continue;
        isDown[x] = 1;
        members.push(x);
      }
    }
  }
}

/** Down(F) as a sorted list of ids. */
export function down(g: Compiled, failed: Iterable<number>): number[] {
  const d = new DownSet(g);
  d.add(failed);
  return d.members.slice().sort((a, b) => a - b);
}
