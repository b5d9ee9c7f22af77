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

/** The id a train name gets: lower case, runs of anything else than letters, digits, . _ - become "-". */
export function trainIdFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 63);
}

/** A train-level gate: a manual check the train's owners tick (not a member's gate). */
export interface TrainGate {
  id: string;
  name: string;
  ticked: boolean;
  tickedBy?: string;
  tickedAt?: string;
}

/** The gates a new train starts with; editable per train. */
export const DEFAULT_TRAIN_GATES: readonly string[] = ['Cross-team release sync held', 'Rollback plan agreed for every member', 'Support and on-call briefed for every member'];

/** The train's go rule, repeated in every answer (the CI gate's) and on the train panel. */
export const TRAIN_GO_RULE = 'a train is go when every member version is go by the release gate rule and every train-level gate is ticked';

export const TRAIN_KEYS = {
  list: 'trains/list',
  get: 'trains/get',
  create: 'trains/create',
  update: 'trains/update',
  addMember: 'trains/add-member',
  removeMember: 'trains/remove-member',
  tick: 'trains/tick',
} as const;

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2026-12-01 (yyyy-mm-dd)');
const optionalDate = z.union([dateSchema, z.literal('')]).optional();
export const trainNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'expected a train name such as "2026.12"', abort: true })
  .max(60, 'expected at most 60 characters')
  .refine((name) => trainIdFromName(name).length > 0, 'expected a name with at least one letter or digit');
const gateNameSchema = z.string().trim().min(1, 'expected a gate name').max(120, 'expected at most 120 characters');
const revisionSchema = z.number({ message: 'expected the revision the change was made on (a number)' }).int().min(0, 'expected a revision of 0 or more');
const projectKeyField = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'expected a Jira project key such as "PAY"');
const versionIdField = z.string().regex(/^\d{1,18}$/, 'expected a Jira version id (digits)');

export const trainListPayloadSchema = z.object({}).strict();
export const trainGetPayloadSchema = z.object({ trainId: trainIdSchema }).strict();
export const trainCreatePayloadSchema = z
  .object({
    name: trainNameSchema,
    /** The project the train is created from: its creator must be release owner there (no one else can squat a train's name). */
    projectKey: projectKeyField,
    freezeDate: optionalDate,
    releaseDate: optionalDate,
    gates: z.array(gateNameSchema).max(20, 'expected at most 20 train gates').optional(),
  })
  .strict()
  .refine((p) => !p.freezeDate || !p.releaseDate || p.freezeDate <= p.releaseDate, { message: 'expected the freeze date on or before the release date', path: ['freezeDate'] });
export const trainUpdatePayloadSchema = z
  .object({
    trainId: trainIdSchema,
    revision: revisionSchema,
    name: trainNameSchema.optional(),
    freezeDate: optionalDate,
    releaseDate: optionalDate,
    /** The whole list of gate names; a gate whose name stays keeps its tick. */
    gates: z.array(gateNameSchema).max(20, 'expected at most 20 train gates').optional(),
  })
  .strict();
export const trainMemberPayloadSchema = z.object({ trainId: trainIdSchema, revision: revisionSchema, projectKey: projectKeyField, versionId: versionIdField }).strict();
export const trainTickPayloadSchema = z
  .object({ trainId: trainIdSchema, revision: revisionSchema, gateId: z.string().min(1, 'expected a train gate id').max(40, 'expected a train gate id'), ticked: z.boolean({ message: 'expected true or false' }) })
  .strict();

export type TrainCreatePayload = z.infer<typeof trainCreatePayloadSchema>;
export type TrainUpdatePayload = z.infer<typeof trainUpdatePayloadSchema>;
export type TrainMemberPayload = z.infer<typeof trainMemberPayloadSchema>;
export type TrainTickPayload = z.infer<typeof trainTickPayloadSchema>;

export type TrainDecision = 'go' | 'no-go';

/** A member row on the train panel. A member in a project the person cannot see shows only that it exists. */
export type TrainMemberView =
  | {
      visible: true;
      projectKey: string;
      versionId: string;
      versionName: string;
      phase: string;
      decision: TrainDecision;
      /** Who blocks: the member's failing gate names (empty on go). */
      failingGates: string[];
      reason: string;
      /** The member's release panel on its project's Releases page. */
      panelUrl?: string;
      /** Set when the train holds more than one version of this project. */
      sameProjectNote?: string;
    }
  | { visible: false; label: string; decision: TrainDecision };

export interface TrainHistoryEntry {
  id: string;
  type: string;
  by: string;
  at: string;
  summary: string;
}

export interface TrainView {
  id: string;
  name: string;
  freezeDate?: string;
  releaseDate?: string;
  revision: number;
  gates: TrainGate[];
  members: TrainMemberView[];
  decision: TrainDecision;
  /** Why: one sentence per blocker (members first, then train gates); one sentence on go. */
  reasons: string[];
  rule: string;
  /** Whether the person may change this train (release owner in every member project). */
  canEdit: boolean;
  /** Why not, when canEdit is false. */
  readOnlyReason?: string;
  history: TrainHistoryEntry[];
  evaluatedAt: string;
}

export interface TrainListItem {
  id: string;
  name: string;
  freezeDate?: string;
  releaseDate?: string;
  memberCount: number;
  decision: TrainDecision;
  /** Members not go plus unticked train gates. */
  blockers: number;
}

export interface TrainList {
  trains: TrainListItem[];
}
