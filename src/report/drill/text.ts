// The drill as a runbook: the blast radius, each rollback wave and what it brings back, then what stays stuck and why.
import type { Blocking, Chain } from "../../drill/simulate.js";
import type { Compiled } from "../../graph/compiled.js";
import type { PathStep, SourcePos } from "../../model/types.js";
import { append, maxOf } from "../../util/append.js";
import { type Style, style } from "../../util/color.js";
import { formatPos, listNames, plural, printable, stepLabel } from "../../util/text.js";
import { chain } from "../text.js";
import { type DrillContext, namesOf, steps } from "./context.js";
import { timingLines, waveEnd } from "./timing-text.js";

/** Up to this many names, a list is one line; past it, lines grouped by system (or owner). */
const LIST_MAX = 10;
const GROUPS_SHOWN = 12;
const NAMES_PER_GROUP = 8;
/** Roots listed one per line in a wave or in the stuck section, before "and N more". */
const ROOTS_SHOWN = 20;
/** A wave rolling back more roots than this lists them on lines of their own. */
const INLINE_ROOTS = 3;

export function renderDrillText(ctx: DrillContext): string {
  const s = style(ctx.color);
  const { graph: g, result } = ctx;
  const out: string[] = [];
  const failedNames = namesOf(g, result.failed);
  out.push(`${s.bold("catch22 drill")} ${s.dim("·")} ${plural(g.n, "service")} ${s.dim("·")} failing ${listNames(failedNames, 6)}`);

  // 1. The blast radius.
  const br = result.blastRadius.length;
  const others = br - result.failed.length;
  const cause = result.failed.length === 1 ? (failedNames[0] as string) : plural(result.failed.length, "failed service");
  const alone = result.failed.length === 1 ? `${cause} alone` : `only the ${cause}`;
  const why =
    others === 0 ? alone : `${cause} and ${plural(others, "service")} that go down with ${result.failed.length === 1 ? "it" : "them"}`;
  out.push("", `${s.bold("Blast radius:")} ${plural(br, "service")} down (${why})`);
  append(out, listing(g, result.blastRadius, "  ", s));

  // 2. The waves, with when each service came back, so a met requirement can say so.
  const backAfter = new Int32Array(g.n).fill(-1);
  result.waves.forEach((w, i) => {
    for (const v of w.rollback) backAfter[v] = i + 1;
    for (const v of w.recovered) backAfter[v] = i + 1;
  });
  const inBlast = new Uint8Array(g.n);
  for (const v of result.blastRadius) inBlast[v] = 1;
  const status = (v: number, wave: number): string => {
    if (!inBlast[v]) return "up";
    const back = backAfter[v] as number;
    return back !== -1 && back < wave ? `back since wave ${back}` : "down";
  };
  result.waves.forEach((w, i) => {
    const wave = i + 1;
    const roots = w.rollback.map((r) => {
      const back = backAfter[r] as number;
      const later = back > wave ? `; comes back after wave ${back}, with what it needs` : "";
      return `${g.names[r]} ${s.dim(`(${needs(g, r, wave, status)}${later})`)}`;
    });
    const n = w.recovered.length;
    const comeBack = n === 0 ? "no other service comes back yet" : `${plural(n, "service")} ${n === 1 ? "comes" : "come"} back`;
    const head = `${s.bold(`Wave ${wave}`)} ${s.dim(`(${waveEnd(ctx.timing, i)})`)}${s.bold(":")}`;
    out.push("");
    if (roots.length <= INLINE_ROOTS) {
      const inline = n > 0 && n <= LIST_MAX ? `: ${listNames(namesOf(g, w.recovered), LIST_MAX)}` : "";
      out.push(`${head} roll back ${roots.join(", ")} → ${comeBack}${inline}`);
      if (n > LIST_MAX) append(out, listing(g, w.recovered, "    ", s));
    } else {
      out.push(`${head} roll back ${plural(roots.length, "service")} → ${comeBack}`);
      out.push("  roll back:");
      for (const line of roots.slice(0, ROOTS_SHOWN)) out.push(`    ${line}`);
      if (roots.length > ROOTS_SHOWN) out.push(s.dim(`    … and ${roots.length - ROOTS_SHOWN} more (--format json lists every one)`));
      if (n > 0) append(out, ["  come back:", ...listing(g, w.recovered, "    ", s)]);
    }
  });

  // 3. What stays stuck, and why.
  const waves = result.waves.length;
  if (result.stuckRoots.length > 0) {
    out.push("");
    const stuckNames = namesOf(g, result.stuckRoots);
    out.push(
      waves === 0
        ? `${s.red(s.bold("Stuck:"))} no rollback can start; ${listNames(stuckNames, 6)} cannot be rolled back`
        : `${s.red(s.bold("Stuck:"))} after wave ${waves}, ${listNames(stuckNames, 6)} cannot be rolled back`,
    );
    for (const b of result.blocked.slice(0, ROOTS_SHOWN)) {
      for (const q of b.requirements) append(out, blockingLines(g, b.root, q, s));
    }
    if (result.blocked.length > ROOTS_SHOWN) {
      out.push(s.dim(`  … and ${result.blocked.length - ROOTS_SHOWN} more stuck roots (--format json lists every one with its witness)`));
    }
    out.push(`  ${s.bold("Stays down")} (${plural(result.stuck.length, "service")}):`);
    append(out, listing(g, result.stuck, "    ", s));
  }

  // 4. How long, against the RTOs, and what the warm assumption hides.
  out.push("", ...timingLines(g, ctx.timing, br, "in the blast radius", s));
  if (ctx.warmOnly.length > 0) {
    const names = namesOf(g, ctx.warmOnly);
    out.push(
      `${s.yellow("▲")} Warm recovery: ${listNames(names, 6)} ${names.length === 1 ? "comes" : "come"} back here only because the rest was still running; a cold start could not bring ${names.length === 1 ? "it" : "them"} back (a runtime-cycle core, or waiting on one): see \`catch22 drill --cold\``,
    );
  }

  // 5. One line to end with.
  out.push("");
  const late = ctx.timing.rtoExceeded.length;
  if (result.stuckRoots.length === 0 && late > 0) {
    out.push(
      `${s.red("✖ RTO EXCEEDED")}: recovered in ${plural(waves, "wave")}, but ${plural(late, "service")} ${late === 1 ? "is" : "are"} back later than ${late === 1 ? "its" : "their"} RTO.`,
    );
  } else if (result.stuckRoots.length === 0) {
    out.push(`${s.green("✔")} Recovered in ${plural(waves, "wave")}: all ${plural(br, "service")} of the blast radius are back.`);
  } else {
    const r = result.stuckRoots.length;
    out.push(
      `${s.red("✖ STUCK")}: ${plural(r, "root")} cannot be rolled back; ${result.stuck.length} of ${plural(br, "service")} stay down (after ${plural(waves, "wave")}).`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** "needs manual-data-repair: up", "needs one of a or b: b back since wave 1", "needs nothing". */
function needs(g: Compiled, r: number, wave: number, status: (v: number, wave: number) => string): string {
  const { rollback } = g;
  const svc = g.estate.services[r];
  const parts: string[] = [];
  for (let q = rollback.start[r] as number; q < (rollback.start[r + 1] as number); q++) {
    const members = Array.from(rollback.members.subarray(rollback.memberStart[q] as number, rollback.memberStart[q + 1] as number));
    if (members.length === 1) {
      parts.push(`${g.names[members[0] as number]}: ${status(members[0] as number, wave)}`);
      continue;
    }
    // The alternatives that are up, grouped by since when: "a up, b and c back since wave 1".
    const byStatus = new Map<string, string[]>();
    for (const m of members) {
      const st = status(m, wave);
      if (st === "down") continue;
      const list = byStatus.get(st);
      if (list) list.push(g.names[m] as string);
      else byStatus.set(st, [g.names[m] as string]);
    }
    const how = [...byStatus.entries()].map(([st, list]) => `${listNames(list, 3)} ${st}`);
    parts.push(`one of ${listNames(namesOf(g, members), 4, "or")}: ${how.join(", ")}`);
  }
  if (parts.length === 0) return svc?.rollbackDeclared ? "needs nothing" : "rollback not declared: assumed to need nothing";
  return `needs ${parts.join("; ")}`;
}

function blockingLines(g: Compiled, root: number, q: Blocking, s: Style): string[] {
  const R = g.names[root] as string;
  const lines: string[] = [];
  if (q.services.length === 1) {
    const c = g.names[q.services[0] as number] as string;
    lines.push(`  ${s.red("✖")} ${R}: its rollback needs ${c === R ? "itself" : c}, which is down`);
    append(lines, chainLines(g, q.witness, s));
  } else {
    lines.push(`  ${s.red("✖")} ${R}: its rollback needs one of ${listNames(namesOf(g, q.services), 6, "or")}, and all of them are down`);
    for (const c of q.alternatives) append(lines, chainLines(g, c, s));
  }
  return lines;
}

/** `a ⇒ b → a` in bold, then each step with the file:line:column of the entry declaring it. */
function chainLines(g: Compiled, c: Chain, s: Style): string[] {
  const path: PathStep[] = steps(g, c.path);
  const lines = [`      ${s.bold(chain(path))}`];
  const labels = path.map((st) => stepLabel(st));
  const width = Math.min(60, maxOf(labels.map((l) => l.length)));
  path.forEach((_, i) => {
    const loc: SourcePos | undefined = c.locations[i];
    lines.push(`        ${(labels[i] as string).padEnd(width)}  ${s.dim(loc ? formatPos(loc) : "")}`.trimEnd());
  });
  return lines;
}

/** A list of services: one line when short, else grouped by system (or owner), largest groups first. */
function listing(g: Compiled, ids: readonly number[], indent: string, s: Style): string[] {
  if (ids.length <= LIST_MAX) return [`${indent}${listNames(namesOf(g, ids), LIST_MAX)}`];
  const services = ids.map((id) => g.estate.services[id]);
  const key: "system" | "owner" | undefined = services.some((x) => x?.system !== undefined)
    ? "system"
    : services.some((x) => x?.owner !== undefined)
      ? "owner"
      : undefined;
  if (!key) return [`${indent}${listNames(namesOf(g, ids), LIST_MAX * 2)}`];
  const groups = new Map<string, string[]>();
  for (const svc of services) {
    if (!svc) continue;
    const k = svc[key] ?? "";
    const list = groups.get(k);
    if (list) list.push(svc.name);
    else groups.set(k, [svc.name]);
  }
  const sorted = [...groups.entries()].sort(([a, la], [b, lb]) => lb.length - la.length || (a < b ? -1 : a > b ? 1 : 0));
  const label = (k: string) => (k === "" ? `(no ${key})` : `${key} ${printable(k)}`);
  const width = Math.min(40, maxOf(sorted.slice(0, GROUPS_SHOWN).map(([k, l]) => `${label(k)} (${l.length})`.length)));
  const lines = sorted
    .slice(0, GROUPS_SHOWN)
    .map(([k, list]) => `${indent}${`${label(k)} (${list.length})`.padEnd(width)}  ${listNames(list, NAMES_PER_GROUP)}`);
  if (sorted.length > GROUPS_SHOWN) {
    const rest = sorted.slice(GROUPS_SHOWN);
    const count = rest.reduce((sum, [, l]) => sum + l.length, 0);
    lines.push(s.dim(`${indent}… and ${rest.length} more ${key === "system" ? "systems" : "owners"} (${plural(count, "service")})`));
  }
  return lines;
}
