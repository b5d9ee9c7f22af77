import { trainNotesAdf } from '../domain/adf/train-notes-adf';
import type { AdfDoc } from '../domain/adf/adf-kit';
import { mapLimited } from '../domain/map-limited';
import { hiddenMembersLine, orderMembers } from '../domain/train-notes';
import { AppError, ProductError } from '../errors';
import type { MacroConfig } from '../shared/macros';
import { type TrainNotesConfig, type TrainNotesMemberView, type TrainNotesView, type TrainOption } from '../shared/train-notes';
import type { TrainMember, TrainSummary } from '../shared/trains';
import { releaseNotesFor, releaseNotesView } from './get-release-notes';
import type { LoadedRelease } from './load-release';
import { loadMacroRelease } from './macro-release';
import type { MacroDeps } from './macro-deps';
import { storedProjectTranslator, type ServerTranslator } from './project-language';
import type { Actor } from './release-deps';
import { safeText } from '../domain/safe-text';
import { text } from '../i18n/server-translator';

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

/** A member the person can see, loaded as its own release notes load it (no notes read yet). */
export interface LoadedMember {
  member: TrainMember;
  actor: Actor;
  loaded: LoadedRelease;
  projectName: string;
}

/**
 * Loads a train's members as the person, each exactly as its own release notes load it
 * (loadMacroRelease), so Jira decides what the person sees. A member whose project or version Jira
 * does not show them (404) is counted as hidden, never named. Reads no notes: enough for the
 * publish permission.
 * @throws AppError NOT_FOUND when there is no such train, or the person sees none of its members.
 */
export async function loadTrainMembers(
  deps: TrainNotesDeps,
  accountId: string,
  config: TrainNotesConfig,
  options: { withRoles?: boolean } = {},
): Promise<{ train: TrainSummary; members: LoadedMember[]; hidden: number }> {
  const [train, projects] = await Promise.all([deps.trains.get(config.trainId), deps.macroReads.projects()]);
  const nobody = () => new AppError('NOT_FOUND', text('errors.train.notVisible', { train: config.trainId }));
  if (!train) throw nobody();
  const names = new Map(projects.map((p) => [p.key, p.name]));
  const read = await mapLimited(train.members, MEMBER_CONCURRENCY, async (member): Promise<LoadedMember | undefined> => {
    try {
      const { actor, loaded } = await loadMacroRelease(deps, accountId, member, { withRoles: options.withRoles ?? false });
      return { member, actor, loaded, projectName: names.get(member.projectKey) ?? member.projectKey };
    } catch (error) {
      if (notVisible(error)) return undefined;
      throw error;
    }
  });
  const seen = read.filter((r): r is LoadedMember => r !== undefined);
  if (train.members.length > 0 && seen.length === 0) throw nobody();
  return { train, members: seen, hidden: train.members.length - seen.length };
}

/**
 * A train's members with their notes, in project order: each member's notes exactly as its own
 * release notes macro reads them, with the train's audience.
 * @throws AppError NOT_FOUND; ProductError.
 */
export async function readTrainMembers(deps: TrainNotesDeps, accountId: string, config: TrainNotesConfig): Promise<{ train: TrainSummary; members: ReadMember[]; hidden: number }> {
  return withNotes(deps, config, await loadTrainMembers(deps, accountId, config));
}

/** Reads the notes of loaded members (as the person) and puts them in project order. */
export async function withNotes(
  deps: TrainNotesDeps,
  config: TrainNotesConfig,
  { train, members, hidden }: { train: TrainSummary; members: LoadedMember[]; hidden: number },
): Promise<{ train: TrainSummary; members: ReadMember[]; hidden: number }> {
  const tr = await trainTranslator(deps, train);
  const read = await mapLimited(members, MEMBER_CONCURRENCY, async (m) => {
    const memberCfg = memberConfig(m.member, config.audience);
    return { ...m, notes: releaseNotesView(m.actor, m.loaded, memberCfg, await releaseNotesFor(deps, memberCfg, m.loaded.version.id, tr)) };
  });
  const ordered = orderMembers(read.map((r) => ({ projectKey: r.member.projectKey, projectName: r.projectName, versionName: r.loaded.version.name, notes: r })));
  return {
    train,
    members: ordered.map((o) => ({ member: o.notes.member, loaded: o.notes.loaded, view: { projectKey: o.projectKey, projectName: o.projectName, heading: o.heading, notes: o.notes.notes } })),
    hidden,
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

/**
 * The language of a train's pages: a train spans projects, so it is its first member project's
 * (the first in the train's own order, read from the settings whether or not the person can see
 * that project: the page reads the same for everyone), English when the train has no member.
 */
export async function trainTranslator(deps: Pick<TrainNotesDeps, 'settings'>, train: Pick<TrainSummary, 'members'>): Promise<ServerTranslator> {
  return storedProjectTranslator(train.members[0] && deps.settings, train.members[0]?.projectKey ?? '');
}

/** The combined notes as an ADF document (the macro's export and the published page), in the translator's language. */
export function trainNotesDocument(view: TrainNotesView, tr?: ServerTranslator): { title: string; adf: AdfDoc } {
  const name = safeText(view.train.name);
  const title = tr ? tr.t(view.audience === 'internal' ? 'pages.title.internalNotes' : 'pages.title.releaseNotes', { release: name }) : view.audience === 'internal' ? `Internal release notes: ${name}` : `Release notes: ${name}`;
  const adf = trainNotesAdf(
    { title, trainName: view.train.name, audience: view.audience, ...(view.train.releaseDate && { releaseDate: view.train.releaseDate }), ...(view.hiddenLine && { hiddenLine: view.hiddenLine }) },
    view.members.map((m) => ({
      heading: m.heading,
      versionName: m.notes.version.name,
      released: m.notes.version.released,
      ...(m.notes.version.releaseDate && { releaseDate: m.notes.version.releaseDate }),
      notes: m.notes,
    })),
    tr,
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
