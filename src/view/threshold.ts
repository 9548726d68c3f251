// When the web view opens on the overview of systems with services fetched per system (server) or decoded per system (HTML report).

/**
 * Above this many services the served page and the HTML report send the overview and each system on demand.
 * At or below it they keep the whole model (today's view: every service in the page; past 2,000 the page
 * itself collapses systems, web/app.ts). 10,000 keeps the 5,000-service report well under 3 s to ready.
 */
export const LAZY_ABOVE = 10_000;

/** The threshold, or `CATCH22_LAZY_ABOVE` from the environment (a non-negative integer) to choose another. */
export function lazyThreshold(env: Record<string, string | undefined> = process.env): number {
  const text = env.CATCH22_LAZY_ABOVE;
  const n = text === undefined || text.trim() === "" ? Number.NaN : Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : LAZY_ABOVE;
}
