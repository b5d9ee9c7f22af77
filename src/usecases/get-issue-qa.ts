import { mirrorState, qaPropertySchema, type QaEntry } from '../domain/qa';
import { currentPhase, type ReleaseRecord } from '../domain/release';
import { AppError } from '../errors';
import { callerTranslator, say, text } from '../i18n/server-translator';
import type { IssueQaView, IssueReleaseQa, PersonRefView, QaEntryView } from '../shared/qa';
import { qaReadOnlyReason } from './decide-qa';
import { projectSettings } from './load-release';
import type { QaChecks } from './qa-reconcile';
import type { ReleaseDeps } from './release-deps';

/** The release panel's deps with the QA adapters required. */
export type QaDeps = ReleaseDeps & { qaChecks: QaChecks };

/** Who acts, on which issue (the Forge context of the issue module). */
export interface IssueActor {
  accountId: string;
  issue: { id: string; key: string };
  project: { id: string; key: string };
  /** The person's Forge locale and time zone (the resolver context's). */
  locale?: string;
  timeZone?: string;
}

const HISTORY_SHOWN = 50;

/**
 * The issue module's view: every release the issue belongs to with its phase and build under
 * test, Preflight's latest decision and history, and whether Jira's property mirrors it. Read as
 * the person: an issue they cannot see is "not found".
 */
export async function getIssueQa(deps: QaDeps, actor: IssueActor): Promise<IssueQaView> {
  const [issue] = await deps.qaChecks.jira.issues([actor.issue.id]);
  if (!issue || issue.projectKey !== actor.project.key) throw new AppError('NOT_FOUND', text('errors.issue.notFound', { issue: actor.issue.key }));
  const [{ settings }, record, history, property, releases] = await Promise.all([
    projectSettings(deps, issue.projectKey),
    deps.qaChecks.store.get(issue.id),
    deps.qaChecks.store.history(issue.id, HISTORY_SHOWN),
    deps.qaChecks.jira.readProperty(issue.id),
    Promise.all(issue.fixVersions.map(async (v) => ({ version: v, record: await deps.store.get(v.id) }))),
  ]);
  const reason = await qaReadOnlyReason(deps, actor.accountId, issue.projectKey, settings);
  const names = await deps.people.names([...new Set(history.map((e) => e.by))]);
  const person = (accountId: string): PersonRefView => ({ accountId, displayName: names.get(accountId) ?? accountId });
  const versionName = (id: string) => issue.fixVersions.find((v) => v.id === id)?.name;
  const toView = (e: QaEntry): QaEntryView => {
    const name = versionName(e.versionId);
    return { status: e.status, build: e.build, by: person(e.by), at: e.at, note: e.note, versionId: e.versionId, ...(name && { versionName: name }) };
  };
  const needsQa = settings.qaIssueTypes.includes(issue.issueType);
  const parsedProperty = qaPropertySchema.safeParse(property);
  return {
    issue: { id: issue.id, key: issue.key, issueType: issue.issueType, projectKey: issue.projectKey },
    needsQa,
    qaIssueTypes: settings.qaIssueTypes,
    releases: releases.map(({ version, record: release }) => releaseQa(version, release, record?.latest, person, callerTranslator(actor.locale, actor.timeZone))),
    ...(record && { latest: toView(record.latest) }),
    history: history.map(toView),
    mirror: {
      state: mirrorState(record, property),
      ...(property !== undefined && { property: parsedProperty.success ? { status: parsedProperty.data.status, build: parsedProperty.data.build } : { status: '(unreadable)', build: '' } }),
    },
    me: reason ? { canDecide: false, readOnlyReason: say(callerTranslator(actor.locale, actor.timeZone), reason) } : { canDecide: needsQa },
  };
}

function releaseQa(
  version: { id: string; name: string; released: boolean },
  release: ReleaseRecord | undefined,
  latest: QaEntry | undefined,
  person: (id: string) => PersonRefView,
  tr: ReturnType<typeof callerTranslator>,
): IssueReleaseQa {
  const base = { versionId: version.id, versionName: version.name, released: version.released };
  if (!release) return { ...base, tracked: false, completed: false, blockedReason: tr.t('views.qa.untracked', { version: version.name }) };
  const phase = currentPhase(release);
  const build = release.buildUnderTest?.id;
  const decided = latest && build && latest.build === build ? { status: latest.status, by: person(latest.by), at: latest.at } : undefined;
  const blockedReason = release.completedAt
    ? tr.t('views.qa.complete', { version: version.name })
    : !build
      ? tr.t('views.qa.noBuild', { version: version.name })
      : undefined;
  return {
    ...base,
    tracked: true,
    completed: release.completedAt !== undefined,
    phase: { id: phase.id, name: release.completedAt ? 'Complete' : phase.name },
    ...(build && { buildUnderTest: build }),
    ...(decided && { decisionForBuild: decided }),
    ...(blockedReason && { blockedReason }),
  };
}
