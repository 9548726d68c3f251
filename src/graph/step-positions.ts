// Where each runtime step of a witness is written: the position of a name in its requirement's entry, read a block at a time.
import type { Entry, SourcePos } from "../model/types.js";
import { type Compiled, namePosOf } from "./compiled.js";

/**
 * The position of z's name in the entry of runtime requirement r, as `stepPos` reads it, for searches that report one
 * step per path position (~12 per witness at 100,000 services). The entries of one-name requirements are read 32 at a
 * time, in requirement order: those were made one after another, so a block costs about what one entry read at random
 * does, and each entry is read once however many witnesses step through it. Allocated at the first use.
 */
export class StepPositions {
  /** Per runtime requirement: 0 its entry not read yet, 1 one name (its position in `pos`), 2 several (looked up by name). */
  private kind = new Uint8Array(0);
  private pos: (SourcePos | undefined)[] = [];

  constructor(private readonly g: Compiled) {}

  at(r: number, z: number): SourcePos | undefined {
    if (this.kind.length === 0) this.allocate();
    if (this.kind[r] === 0) this.read(r);
    if (this.kind[r] === 1) return this.pos[r];
    return namePosOf(this.g.runtime.entry[r] as Entry, this.g.names[z] as string);
  }

  private allocate(): void {
    const m = this.g.runtime.owner.length;
    this.kind = new Uint8Array(m);
    // filled, not `new Array(m)`: a large array made empty has slow (dictionary) elements
    this.pos = Array.from({ length: m }, () => undefined);
  }

  private read(r: number): void {
    const { entry } = this.g.runtime;
    const { kind, pos } = this;
    const end = Math.min((r | 31) + 1, entry.length);
    for (let q = r & ~31; q < end; q++) {
      if (kind[q] !== 0) continue;
      const e = entry[q] as Entry;
      if (e.names.length === 1) {
        pos[q] = e.namePos[0];
        kind[q] = 1;
      } else kind[q] = 2;
    }
  }
}
