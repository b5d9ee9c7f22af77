import { z } from 'zod';
import { safeText } from '../domain/safe-text';
import { AUDIENCES, type Audience, type ReleaseNotesView } from './macros';
import { trainIdSchema } from './trains';

/**
 * A release train's combined release notes (issue 14): the macro "Preflight train release notes"
 * and the published page "Release notes: <train name>". Imports only zod, so the Custom UI can
 * import it.
 */

export const TRAIN_NOTES_KEYS = {
  /** The trains the person can see (at least one member in a project they can browse), for the config's picker. */
  trains: 'train-notes/trains',
  view: 'train-notes/view',
  publish: 'train-notes/publish',
  canPublish: 'train-notes/can-publish',
} as const;

export const TRAIN_NOTES_MODULE = 'preflight-train-notes-macro';

/** What the macro's configuration view saves and every macro call sends. */
export const trainNotesConfigSchema = z
  .object({
    trainId: trainIdSchema,
    audience: z.enum(AUDIENCES, { message: 'expected the audience "customer" or "internal"' }).default('customer'),
  })
  .strict();
export type TrainNotesConfig = z.infer<typeof trainNotesConfigSchema>;
export type TrainNotesConfigInput = z.input<typeof trainNotesConfigSchema>;

export const trainNotesTrainsPayload = z.object({}).strict();
export const trainNotesViewPayload = z.object({ config: trainNotesConfigSchema }).strict();
export const trainNotesPublishPayload = z
  .object({
    config: trainNotesConfigSchema,
    spaceId: z.string().regex(/^\d{1,18}$/, 'expected a Confluence space id (digits)'),
    /** A new page beside one Preflight could not merge into, only when the person asks (as for a release's notes). */
    beside: z.boolean().optional(),
  })
  .strict();

export interface TrainOption {
  id: string;
  name: string;
  releaseDate?: string;
}

/** One member of the train as its notes show it: the single release's notes under "Payments · PAY 2.2". */
export interface TrainNotesMemberView {
  projectKey: string;
  projectName: string;
  /** "Payments · PAY 2.2" */
  heading: string;
  notes: ReleaseNotesView;
}

export interface TrainNotesView {
  train: TrainOption;
  audience: Audience;
  /** Members the person can see, grouped by project (projects in name order). */
  members: TrainNotesMemberView[];
  /** Members in projects the person cannot see: left out, and counted in `hiddenLine`. */
  hiddenMembers: number;
  /** "1 member of this train is in a project you cannot see", when any are hidden. */
  hiddenLine?: string;
  /** Changes across the members' notes. */
  total: number;
}

/** The title of the train's published notes page: stable, so publishing again finds it. */
export function trainNotesPageTitle(trainName: string, audience: Audience = 'customer'): string {
  const name = safeText(trainName);
  return audience === 'internal' ? `Internal release notes: ${name}` : `Release notes: ${name}`;
}
