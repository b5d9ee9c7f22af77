/**
 * Rounds of product calls: the longest chain of calls that waited on each other. A call that
 * started only after another had answered may have needed that answer, so it sits one round
 * later; calls that overlap in time ran in parallel. With a fixed latency per call, the panel's
 * wall time is about rounds x latency, whatever the number of calls.
 */
export interface TimedCall {
  /** When the call left the app (performance.now()). */
  startedAt: number;
  /** When its answer came back. */
  endedAt: number;
}

/** The number of sequential rounds in these calls (0 for none). Pure. */
export function countRounds(calls: readonly TimedCall[]): number {
  const byStart = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const depth: number[] = [];
  let deepest = 0;
  for (let i = 0; i < byStart.length; i++) {
    const call = byStart[i]!;
    let before = 0;
    for (let j = 0; j < i; j++) {
      const earlier = byStart[j]!;
      if (earlier.endedAt <= call.startedAt) before = Math.max(before, depth[j]!);
    }
    depth[i] = before + 1;
    deepest = Math.max(deepest, depth[i]!);
  }
  return deepest;
}
