// CPU time and garbage-collection time of a bench process, for the ratios the bench prints (wall time alone varies with the machine's load).
import { PerformanceObserver } from "node:perf_hooks";

export interface Meter {
  /** CPU milliseconds (user + system) since the meter started, and the GC pauses among them; GC entries arrive after a turn of the event loop. */
  read(): Promise<{ cpuMs: number; gcMs: number }>;
  /** CPU milliseconds since the meter started, now (a stage's share of the run's CPU time). */
  cpuNow(): number;
}

export function startMeter(): Meter {
  const cpu0 = process.cpuUsage();
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  observer.observe({ entryTypes: ["gc"] });
  const cpuNow = () => {
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1000;
  };
  return {
    cpuNow,
    async read() {
      const cpuMs = cpuNow();
      await new Promise((resolve) => setTimeout(resolve, 0));
      observer.disconnect();
      return { cpuMs, gcMs };
    },
  };
}
