// The blast radius Down(F) (SPEC §2): the least set holding F and every service with a runtime requirement inside it.
import type { Compiled } from "./compiled.js";
import { reqSize } from "./compiled.js";
import { scratchOf } from "./scratch.js";

/**
 * A reusable Down(F) computation. Propagation counts, per runtime requirement, how many of its
 * members are down; a requirement with all members down takes its owner down. Linear in what it
 * touches, and `reset` clears only that, so many small computations stay cheap. Its arrays are
 * borrowed from the graph's scratch: `give` them back when done (a set never given back is only garbage).
 */
export class DownSet {
  readonly isDown: Uint8Array;
  readonly downCount: Int32Array;
  /** The services in the set, in the order they went down. */
  readonly members: number[] = [];

  constructor(readonly g: Compiled) {
    const scratch = scratchOf(g);
    this.isDown = scratch.uint8(g.n);
    this.downCount = scratch.int32(g.runtime.owner.length);
  }

  /** Gives the arrays back to the graph's scratch: the set is not used again. */
  give(): void {
    const scratch = scratchOf(this.g);
    scratch.give(this.isDown, this.downCount);
    if (this.mark) scratch.give(this.mark);
    this.mark = undefined;
  }

  reset(): void {
    // A requirement counted has a member that went down, so is among the memberships of `members`: no list of the
    // requirements touched (at a million services one is megabytes of garbage per Down).
    const { isDown, downCount } = this;
    const { byMemberStart, byMember } = this.g;
    for (const m of this.members) {
      isDown[m] = 0;
      for (let k = byMemberStart[m] as number; k < (byMemberStart[m + 1] as number); k++) downCount[byMember[k] as number] = 0;
    }
    this.members.length = 0;
  }

  /**
   * Takes `released` out of the set's seeds (`failed[v]` says which services still are), and with
   * them everything that was down only through them: the set becomes the Down of the remaining
   * seeds, as `add` would compute it from nothing. Only what the released services reach upwards
   * inside the set is touched. Returns the services that came back. `members` may afterwards hold
   * services no longer down (and some twice): read it through `isDown`.
   */
  shrink(released: readonly number[], failed: Uint8Array): number[] {
    const { isDown, downCount } = this;
    const { byMemberStart, byMember, runtime } = this.g;
    this.mark ??= scratchOf(this.g).uint8(this.g.n);
    const mark = this.mark;
    // every service of the set with a requirement naming a released one, transitively: only these may come back
    const affected: number[] = [];
    for (const v of released) {
      if (isDown[v] && !mark[v]) {
        mark[v] = 1;
        affected.push(v);
      }
    }
    for (let h = 0; h < affected.length; h++) {
      const v = affected[h] as number;
      for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
        const y = runtime.owner[byMember[k] as number] as number;
        if (isDown[y] && !mark[y]) {
          mark[y] = 1;
          affected.push(y);
        }
      }
    }
    for (const v of affected) {
      isDown[v] = 0;
      for (let k = byMemberStart[v] as number; k < (byMemberStart[v + 1] as number); k++) {
        const r = byMember[k] as number;
        downCount[r] = (downCount[r] as number) - 1;
      }
    }
    // what stays down: the remaining seeds, and whatever a requirement wholly down outside them holds
    const back: number[] = [];
    for (const v of affected) {
      mark[v] = 0;
      if (failed[v]) back.push(v);
      else {
        for (let r = runtime.start[v] as number; r < (runtime.start[v + 1] as number); r++) {
          if (this.reqDown(r)) {
            back.push(v);
            break;
          }
        }
      }
    }
    this.add(back);
    return affected.filter((v) => !isDown[v]);
  }

  private mark: Uint8Array | undefined;

  /** True when runtime requirement r lies wholly inside the set. */
  reqDown(r: number): boolean {
    return this.downCount[r] === reqSize(this.g.runtime, r);
  }

  /**
   * Adds the services `seeds` and everything they take down. With `admit`, propagation adds only
   * services it admits (exact for every service whose runtime requirements are all admitted, recursively).
   */
  add(seeds: Iterable<number>, admit?: (id: number) => boolean): void {
    const { isDown, downCount, members } = this;
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
  const out = d.members.slice().sort((a, b) => a - b);
  d.give();
  return out;
}
