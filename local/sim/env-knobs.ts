import { z } from 'zod';

/**
 * Environment knobs of the simulated site (PREFLIGHT_SIM_*), shared by the fault and rate-limit
 * settings: unset and empty both mean "use the default", and a bad value names the variable.
 */

const unsetIfEmpty = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A whole number from 0 to `max`, or undefined when unset. */
export const envWholeNumber = (name: string, max: number) => {
  const error = `${name} must be a whole number from 0 to ${max}`;
  return z.preprocess(unsetIfEmpty, z.coerce.number({ error }).int({ error }).min(0, { error }).max(max, { error }).optional());
};

/** A probability from 0 to 1, or undefined when unset. */
export const envRate = (name: string) => {
  const error = `${name} must be a number from 0 to 1`;
  return z.preprocess(unsetIfEmpty, z.coerce.number({ error }).min(0, { error }).max(1, { error }).optional());
};

/**
 * Parses the variables `schema` names.
 * @throws Error "Invalid simulator <what>: …" listing every bad variable with the value it had,
 * e.g. "PREFLIGHT_SIM_429_RATE must be a number from 0 to 1 (got '2')".
 */
export function parseEnvKnobs<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, what: string): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.message} (got '${env[String(issue.path[0] ?? '')] ?? ''}')`);
  throw new Error(`Invalid simulator ${what}: ${problems.join('; ')}`);
}
