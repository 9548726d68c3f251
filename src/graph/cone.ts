// The runtime cone of a set of services (everything they reach), with Down computed inside it alone.
import type { Compiled } from "./compiled.js";
import { scratchOf } from "./scratch.js";

/**
 * Whether a service of the cone is down depends only on services of the cone (it is closed under
 * requirements), so Down(S) ∩ cone is exact when propagated along the cone's own edges: this never
 * scans the requirements of services outside it, such as the thousands that name a shared platform
 * service. Reusable: every array is sized once for the estate, and `build` clears what it touched.
 * The estate-sized arrays are borrowed from the graph's scratch (`give`).
 */
export class Cone {
  /** The cone's services, in search order. */
  readonly nodes: number[] = [];
  /** How many of the `build` sources reach each service of the cone (0 outside it). */
  readonly hits: Int32Array;
  readonly isDown: Uint8Array;
  /** The cone's services that are down after the last `down`, in the order they went down. */
  readonly down: number[] = [];
  private readonly local: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly downCount: Int32Array;
  private readonly touched: number[] = [];
  /** After `measure`: steps to the nearest source, or -1. */
  readonly dist: Int32Array;
  private readonly measured: number[] = [];
  /** For the cone's i-th service, the runtime requirements of cone services naming it: req[revStart[i] .. revStart[i+1]). */
  private revStart = new Int32Array(1);
  private fill = new Int32Array(1);
  private req = new Int32Array(0);

  constructor(private readonly g: Compiled) {
    const scratch = scratchOf(g);
    this.hits = scratch.int32(g.n);
    this.isDown = scratch.uint8(g.n);
    this.local = scratch.int32(g.n);
    this.seen = scratch.int32(g.n);
    this.downCount = scratch.int32(g.runtime.owner.length);
    this.dist = scratch.int32(g.n, -1);
  }

  /** Gives the estate-sized arrays back to the graph's scratch: the cone is not used again. */
  give(): void {
    scratchOf(this.g).give(this.hits, this.isDown, this.local, this.seen, this.downCount, this.dist);
  }

  /** The cone of `sources`: one forward search per source (so `hits` counts the sources reaching each service). */
  build(sources: readonly number[]): void {
    this.clearDown();
    for (const v of this.nodes) this.hits[v] = 0;
    this.nodes.length = 0;
    const { runtime } = this.g;
    for (const s of sources) {
      const stamp = ++this.stamp;
      const queue = [s];
      this.seen[s] = stamp;
      for (let head = 0; head < queue.length; head++) {
        const v = queue[head] as number;
        if (this.hits[v] === 0) {
          this.local[v] = this.nodes.length;
          this.nodes.push(v);
        }
        this.hits[v] = (this.hits[v] as number) + 1;
        const end = runtime.memberStart[runtime.start[v + 1] as number] as number;
        for (let k = runtime.memberStart[runtime.start[v] as number] as number; k < end; k++) {
          const w = runtime.members[k] as number;
          if (this.seen[w] === stamp) continue;
          this.seen[w] = stamp;
          queue.push(w);
        }
      }
    }
    // Reverse edges inside the cone: member → the requirements (of cone services) naming it.
    // Plain loops over the CSR arrays: this runs once per distinct member set, over the whole cone.
    const { nodes, local } = this;
    const { start, memberStart, members } = runtime;
    const count = nodes.length;
    // Buffers kept across builds (grown, never shrunk): most cones are small and there is one build per member set.
    if (this.revStart.length < count + 1) {
      this.revStart = new Int32Array(Math.max(count + 1, 2 * this.revStart.length));
      this.fill = new Int32Array(this.revStart.length);
    }
    const { revStart, fill } = this;
    revStart.fill(0, 0, count + 1);
    for (let j = 0; j < count; j++) {
      const v = nodes[j] as number;
      const end = memberStart[start[v + 1] as number] as number;
      for (let k = memberStart[start[v] as number] as number; k < end; k++) {
        const i = (local[members[k] as number] as number) + 1;
        revStart[i] = (revStart[i] as number) + 1;
      }
    }
    for (let i = 0; i < count; i++) revStart[i + 1] = (revStart[i + 1] as number) + (revStart[i] as number);
    fill.set(revStart.subarray(0, count));
    if (this.req.length < (revStart[count] as number)) this.req = new Int32Array(Math.max(revStart[count] as number, 2 * this.req.length));
    const { req } = this;
    for (let j = 0; j < count; j++) {
      const v = nodes[j] as number;
      for (let r = start[v] as number; r < (start[v + 1] as number); r++) {
        for (let k = memberStart[r] as number; k < (memberStart[r + 1] as number); k++) {
          const i = local[members[k] as number] as number;
          req[fill[i] as number] = r;
          fill[i] = (fill[i] as number) + 1;
        }
      }
    }
  }

  /** Down(seeds) inside the cone (seeds outside it are ignored): `isDown` and `down`. */
  propagate(seeds: Iterable<number>): void {
    this.clearDown();
    const { runtime } = this.g;
    const { isDown, down, downCount, touched } = this;
    for (const s of seeds) {
      if (this.hits[s] === 0 || isDown[s]) continue;
      isDown[s] = 1;
      down.push(s);
    }
    for (let head = 0; head < down.length; head++) {
      const i = this.local[down[head] as number] as number;
      for (let k = this.revStart[i] as number; k < (this.revStart[i + 1] as number); k++) {
        const r = this.req[k] as number;
        const c = (downCount[r] as number) + 1;
        if (c === 1) touched.push(r);
        downCount[r] = c;
        if (c !== (runtime.memberStart[r + 1] as number) - (runtime.memberStart[r] as number)) continue;
        const x = runtime.owner[r] as number;
        if (isDown[x]) continue;
        isDown[x] = 1;
        down.push(x);
      }
    }
  }

  /**
   * Runtime steps from each down service to the nearest source, through requirements lying wholly
   * inside the last Down (`-1` for the others), breadth-first along the cone's reverse edges.
   */
  measure(sources: readonly number[]): void {
    for (const v of this.measured) this.dist[v] = -1;
    this.measured.length = 0;
    const { runtime } = this.g;
    const { dist, measured } = this;
    for (const s of sources) {
      if (!this.isDown[s] || dist[s] !== -1) continue;
      dist[s] = 0;
      measured.push(s);
    }
    for (let head = 0; head < measured.length; head++) {
      const z = measured[head] as number;
      const i = this.local[z] as number;
      for (let k = this.revStart[i] as number; k < (this.revStart[i + 1] as number); k++) {
        const r = this.req[k] as number;
        const y = runtime.owner[r] as number;
        if (dist[y] !== -1 || !this.reqDown(r)) continue;
        dist[y] = (dist[z] as number) + 1;
        measured.push(y);
      }
    }
  }

  /** True when runtime requirement r (of a cone service) lies wholly inside the last Down. */
  reqDown(r: number): boolean {
    const { runtime } = this.g;
    return this.downCount[r] === (runtime.memberStart[r + 1] as number) - (runtime.memberStart[r] as number);
  }

  private clearDown(): void {
    for (const v of this.down) this.isDown[v] = 0;
    for (const r of this.touched) this.downCount[r] = 0;
    this.down.length = 0;
    this.touched.length = 0;
  }
}
