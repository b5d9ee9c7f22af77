import { trainNotesAdf } from '../domain/adf/train-notes-adf';
import type { AdfDoc } from '../domain/adf/adf-kit';
import { mapLimited } from '../domain/map-limited';
import { hiddenMembersLine, orderMembers } from '../domain/train-notes';
import { AppError, ProductError } from '../errors';
import type { MacroConfig } from '../shared/macros';
import { trainNotesPageTitle, type TrainNotesConfig, type TrainNotesMemberView, type TrainNotesView, type TrainOption } from '../shared/train-notes';
import type { TrainMember, TrainSummary } from '../shared/trains';
import { releaseNotesFor, releaseNotesView } from './get-release-notes';
import type { LoadedRelease } from './load-release';
import { loadMacroRelease } from './macro-release';
import type { MacroDeps } from './macro-deps';

/** The trains the train notes read (src/adapters/kvs-trains.ts implements it; its records are TrainSummary-shaped). */
export interface TrainReader {
  get(trainId: string): Promise<TrainSummary | undefined>;
  /** Every train, by name. */
  list(): Promise<TrainSummary[]>;
}

export interface TrainNotesDeps extends MacroDeps {
  trains: TrainReader;
}

/** At most this many members are read from Jira at once (each is a handful of calls). */
const MEMBER_CONCURRENCY = 4;

/** A member the person can see, loaded as its own release's notes load it. */
export interface ReadMember {
  member: TrainMember;
  loaded: LoadedRelease;
  view: TrainNotesMemberView;
}

/** A member's notes config: the single release's notes with the train's audience, grouped by type. */
export function memberConfig(member: TrainMember, audience: TrainNotesConfig['audience']): MacroConfig {
  return { projectKey: member.projectKey, versionId: member.versionId, audience, grouping: 'type' };
}

const notVisible = (error: unknown) => (error instanceof ProductError && (error.status === 404 || error.status === 403)) || (error instanceof AppError && error.code === 'NOT_FOUND');

/**
 * Reads a train's members as the person: each member exactly as its own release notes read it
 * (loadMacroRelease, then the notes), so Jira decides what the person sees. A member whose project
 * or version Jira does not show them (404) is counted as hidden, never named.
 * @throws AppError NOT_FOUND when there is no such train, or the person sees none of its members.
 */
export async function readTrainMembers(
  deps: TrainNotesDeps,
  accountId: string,
  config: TrainNotesConfig,
  options: { withRoles?: boolean } = {},
): Promise<{ train: TrainSummary; members: ReadMember[]; hidden: number }> {
  const [train, projects] = await Promise.all([deps.trains.get(config.trainId), deps.macroReads.projects()]);
  const nobody = () => new AppError('NOT_FOUND', `There is no release train "${config.trainId}" you can see.`);
  if (!train) throw nobody();
  const names = new Map(projects.map((p) => [p.key, p.name]));
  const read = await mapLimited(train.members, MEMBER_CONCURRENCY, async (member) => {
    const memberCfg = memberConfig(member, config.audience);
    try {
      const { actor, loaded } = await loadMacroRelease(deps, accountId, memberCfg, { withRoles: options.withRoles ?? false });
      const notes = releaseNotesView(actor, loaded, memberCfg, await releaseNotesFor(deps, memberCfg, loaded.version.id));
      return { member, loaded, projectName: names.get(member.projectKey) ?? member.projectKey, notes };
    } catch (error) {
      if (notVisible(error)) return undefined;
      throw error;
    }
  });
  const seen = read.filter((r): r is NonNullable<typeof r> => r !== undefined);
  if (train.members.length > 0 && seen.length === 0) throw nobody();
  const ordered = orderMembers(seen.map((r) => ({ projectKey: r.member.projectKey, projectName: r.projectName, versionName: r.loaded.version.name, notes: r })));
  return {
    train,
    members: ordered.map((o) => ({ member: o.notes.member, loaded: o.notes.loaded, view: { projectKey: o.projectKey, projectName: o.projectName, heading: o.heading, notes: o.notes.notes } })),
    hidden: train.members.length - seen.length,
  };
}

const trainOption = (train: TrainSummary): TrainOption => ({ id: train.id, name: train.name, ...(train.releaseDate && { releaseDate: train.releaseDate }) });

export function trainNotesView(train: TrainSummary, audience: TrainNotesConfig['audience'], members: readonly ReadMember[], hidden: number): TrainNotesView {
  const hiddenLine = hiddenMembersLine(hidden);
  return {
    train: trainOption(train),
    audience,
    members: members.map((m) => m.view),
    hiddenMembers: hidden,
    ...(hiddenLine && { hiddenLine }),
    total: members.reduce((sum, m) => sum + m.view.notes.total, 0),
  };
}

/**
 * A train's combined release notes for the macro: each member the person can see, grouped by
 * project (projects in name order), with its own release notes; hidden members as one line.
 * @throws AppError NOT_FOUND; ProductError.
 */
export async function getTrainNotes(deps: TrainNotesDeps, accountId: string, config: TrainNotesConfig): Promise<TrainNotesView> {
  const { train, members, hidden } = await readTrainMembers(deps, accountId, config);
  return trainNotesView(train, config.audience, members, hidden);
}

/** The combined notes as an ADF document (the macro's export and the published page). */
export function trainNotesDocument(view: TrainNotesView): { title: string; adf: AdfDoc } {
  const title = trainNotesPageTitle(view.train.name, view.audience);
  const adf = trainNotesAdf(
    { title, trainName: view.train.name, audience: view.audience, ...(view.train.releaseDate && { releaseDate: view.train.releaseDate }), ...(view.hiddenLine && { hiddenLine: view.hiddenLine }) },
    view.members.map((m) => ({
      heading: m.heading,
      versionName: m.notes.version.name,
      released: m.notes.version.released,
      ...(m.notes.version.releaseDate && { releaseDate: m.notes.version.releaseDate }),
      notes: m.notes,
    })),
  );
  return { title, adf };
}

/**
 * The trains the person can see, for the macro's picker: those with at least one member in a
 * project Jira lets them browse (one Jira call for the projects, no per-member reads).
 */
export async function listVisibleTrains(deps: TrainNotesDeps): Promise<TrainOption[]> {
  const [trains, projects] = await Promise.all([deps.trains.list(), deps.macroReads.projects()]);
  const visible = new Set(projects.map((p) => p.key));
  return trains.filter((t) => t.members.some((m) => visible.has(m.projectKey))).map(trainOption);
}
