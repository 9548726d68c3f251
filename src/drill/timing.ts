// Recovery time against RTO (SPEC §4.3): how long each wave of a warm or cold drill lasts, and who is back too late.
import type { ColdResult } from "./cold.js";
import type { DrillResult } from "./simulate.js";

/** The per-service facts §4.3 reads, indexed by service id (seconds). */
export interface RecoveryTimes {
  /** How long a service's rollback takes once its rollback requirements are up; 0 when absent. */
  rollback: ArrayLike<number>;
  /** How long a service takes to come up once its runtime requirements are up; 0 when absent. */
  start: ArrayLike<number>;
  /** Its RTO (its own, else its tier's), or undefined for none. */
  rto: ArrayLike<number | undefined>;
  /** True for a service that declares a `recovery` key. */
  declared: ArrayLike<boolean>;
}

/** The fields of a service that §4.3 reads (the loader's `Service` once it carries them). */
export interface ServiceTimes {
  tier?: number;
  recovery?: { rollback?: number; start?: number };
  rto?: number;
}

/** The config's RTO per tier, in seconds. */
export type TierRto = ReadonlyMap<number, number> | Readonly<Partial<Record<number, number>>>;

export interface WaveTime {
  /** d_k, seconds. */
  duration: number;
  /** E_k = d_1 + … + d_k: every service the wave brings back is back then. */
  endsAfter: number;
}

export interface RtoExceeded {
  service: number;
  rto: number;
  /** When it is back, or null when it never is. */
  back: number | null;
}

export interface DrillTiming {
  /** One per wave of the drill, in order. */
  waves: WaveTime[];
  /** The end of the last wave, or null when something stays down (outside F, for a cold drill). */
  recoveryTime: number | null;
  /** Sorted by service id. */
  rtoExceeded: RtoExceeded[];
  /** Services checked (blast radius when warm, outside F when cold) that declare no `recovery` key. */
  withoutRecoveryTimes: number;
}

/** The §4.3 facts of every service: a service's own `rto` overrides its tier's. */
export function recoveryTimes(services: readonly ServiceTimes[], tierRto: TierRto = {}): RecoveryTimes {
  const n = services.length;
  const rollback = new Float64Array(n);
  const start = new Float64Array(n);
  const rto: (number | undefined)[] = new Array(n);
  const declared: boolean[] = new Array(n);
  const ofTier = (tier: number | undefined): number | undefined => {
    if (tier === undefined) return undefined;
    return tierRto instanceof Map ? tierRto.get(tier) : (tierRto as Readonly<Partial<Record<number, number>>>)[tier];
  };
  for (let i = 0; i < n; i++) {
    const s = services[i] as ServiceTimes;
    rollback[i] = s.recovery?.rollback ?? 0;
    start[i] = s.recovery?.start ?? 0;
    declared[i] = s.recovery !== undefined;
    rto[i] = s.rto ?? ofTier(s.tier);
  }
  return { rollback, start, rto, declared };
}

/**
 * Times a warm drill. Wave k lasts the longest rollback of R_k plus the longest start of B_k =
 * D − Down(U), what it brings back: C_k and the roots of R_k that nothing else holds down. A root
 * still held down comes back in the later wave whose `recovered` lists it; since Down(U) only
 * shrinks, every service of the blast radius is back in exactly one wave or stays stuck, so B_k
 * is read off the waves without another Down computation.
 */
export function warmTiming(result: DrillResult, times: RecoveryTimes): DrillTiming {
  const stuck = new Set(result.stuck);
  const backIn = new Map<number, number>();
  result.waves.forEach((w, k) => {
    for (const v of w.recovered) backIn.set(v, k);
  });
  result.waves.forEach((w, k) => {
    for (const r of w.rollback) if (!stuck.has(r) && !backIn.has(r)) backIn.set(r, k);
  });
  const broughtBack: number[][] = result.waves.map(() => []);
  for (const [v, k] of backIn) (broughtBack[k] as number[]).push(v);
  const waves = timeWaves(result.waves.map((w, k) => maxOf(times.rollback, w.rollback) + maxOf(times.start, broughtBack[k] as number[])));
  return {
    waves,
    recoveryTime: stuck.size > 0 ? null : endOf(waves),
    rtoExceeded: exceeded(result.blastRadius, backIn, waves, times),
    withoutRecoveryTimes: undeclared(result.blastRadius, times),
  };
}

/** Times a cold drill: wave k lasts the longest start among the services it brings up; F is not checked. */
export function coldTiming(result: ColdResult, times: RecoveryTimes): DrillTiming {
  const backIn = new Map<number, number>();
  result.waves.forEach((w, k) => {
    for (const v of w.up) backIn.set(v, k);
  });
  const waves = timeWaves(result.waves.map((w) => maxOf(times.start, w.up)));
  const outsideF = [...backIn.keys(), ...result.neverUp].sort((a, b) => a - b);
  return {
    waves,
    recoveryTime: result.neverUp.length > 0 ? null : endOf(waves),
    rtoExceeded: exceeded(outsideF, backIn, waves, times),
    withoutRecoveryTimes: undeclared(outsideF, times),
  };
}

function timeWaves(durations: number[]): WaveTime[] {
  let end = 0;
  return durations.map((duration) => {
    end += duration;
    return { duration, endsAfter: end };
  });
}

/** The end of the last wave; 0 with no waves (nothing to bring back). */
function endOf(waves: WaveTime[]): number {
  return waves.length > 0 ? (waves[waves.length - 1] as WaveTime).endsAfter : 0;
}

/** The largest value over the ids; 0 for none (a loop, not Math.max(...), which overflows the stack on large waves). */
function maxOf(values: ArrayLike<number>, ids: readonly number[]): number {
  let max = 0;
  for (const id of ids) if ((values[id] as number) > max) max = values[id] as number;
  return max;
}

function exceeded(checked: readonly number[], backIn: Map<number, number>, waves: WaveTime[], times: RecoveryTimes): RtoExceeded[] {
  const out: RtoExceeded[] = [];
  for (const service of [...checked].sort((a, b) => a - b)) {
    const rto = times.rto[service];
    if (rto === undefined) continue;
    const k = backIn.get(service);
    const back = k === undefined ? null : (waves[k] as WaveTime).endsAfter;
    if (back === null || back > rto) out.push({ service, rto, back });
  }
  return out;
}

function undeclared(checked: readonly number[], times: RecoveryTimes): number {
  let count = 0;
  for (const v of checked) if (!times.declared[v]) count++;
  return count;
}
