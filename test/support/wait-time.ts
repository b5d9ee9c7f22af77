import { countRounds } from '../../local/call-rounds';
import type { EmulatedSite } from '../../local/emulated-site';

/**
 * What a person waits for one answer of the app, measured so that a busy machine does not change it.
 * The test machines are shared (CI runs two test workers on two cores): wall time there says more
 * about the neighbours than about the app (a CI run read 2.03 s for a calendar that takes 0.66 s
 * alone). With a fixed latency per REST call, the wait is made of two things no neighbour changes:
 * the rounds of calls that waited on each other (one latency each) and this process's CPU time.
 * Wall time is kept for the printed line.
 */
export interface WaitTime<T> {
  result: T;
  calls: EmulatedSite['calls'];
  rounds: number;
  cpuSeconds: number;
  /** rounds x latency + CPU time: the wait on an idle machine. */
  seconds: number;
  wallSeconds: number;
  /** "N REST calls in R rounds; R x L ms + C s CPU = S s (wall here W s)". */
  line: string;
}

export async function timeWait<T>(site: EmulatedSite, latencyMs: number, run: () => Promise<T>): Promise<WaitTime<T>> {
  const before = site.calls.length;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = site.calls.slice(before);
  const rounds = countRounds(calls);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const seconds = (rounds * latencyMs) / 1000 + cpuSeconds;
  const line = `${calls.length} REST calls in ${rounds} rounds; ${rounds} x ${latencyMs} ms + ${cpuSeconds.toFixed(2)} s CPU = ${seconds.toFixed(2)} s (wall here ${wallSeconds.toFixed(2)} s)`;
  return { result, calls, rounds, cpuSeconds, seconds, wallSeconds, line };
}
