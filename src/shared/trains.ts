import { z } from 'zod';

/**
 * Release trains (issue 14): a named train groups versions of several projects with one schedule
 * and its own train-level gates. Shared by the trains resolvers, the train notes and the calendar.
 * Imports only zod, so the Custom UI can import it. The trains helper owns this file; the fields
 * below are the agreed contract (add fields, do not rename these).
 */

/** A train's id is its name made URL-safe, e.g. "2026.12" -> "2026.12", "Winter 26" -> "winter-26". */
export const trainIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected a train id such as "2026.12" (lower-case letters, digits, . _ -)');

export interface TrainMember {
  projectKey: string;
  versionId: string;
}

/** The train as stored (KVS entity `train`) and as the calendar and the train notes read it. */
export interface TrainSummary {
  id: string;
  name: string;
  /** Planned day the whole train ships (yyyy-mm-dd). */
  releaseDate?: string;
  /** Planned day scope freezes for every member (yyyy-mm-dd). */
  freezeDate?: string;
  members: TrainMember[];
}
