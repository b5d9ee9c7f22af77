/**
 * What the scale benches (overview, calendar, health) share: `--name=value` options, a resolver
 * call that throws on an error answer, and the REST calls and wall time of a piece of work.
 */
import type { EmulatedSite } from '../local/emulated-site';
import type { Envelope } from '../src/shared/envelope';

const args = process.argv.slice(2);

/** `--name=value` from the command line, else `fallback`. */
export function numberOption(name: string, fallback: number): number {
  return Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
}

/** A resolver call through the emulated site; an error answer stops the bench with its code and message. */
export async function invokeOk<T>(site: EmulatedSite, call: Parameters<EmulatedSite['invoke']>[0]): Promise<T> {
  const answer = await site.invoke<Envelope<T>>(call);
  if (!answer.ok) throw new Error(`${call.functionKey}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** Runs `work` and counts the REST calls it made and its wall time. */
export async function timed<T>(site: EmulatedSite, work: () => Promise<T>): Promise<{ result: T; calls: number; ms: number }> {
  const before = site.calls.length;
  const started = performance.now();
  const result = await work();
  return { result, calls: site.calls.length - before, ms: performance.now() - started };
}
