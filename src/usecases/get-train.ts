import { auditSummary } from '../domain/audit-line';
import { roleText } from '../domain/gates';
import type { TrainRecord } from '../domain/trains';
import { AppError, ProductError } from '../errors';
import { callerTranslator, say, text, type Text } from '../i18n/server-translator';
import type { TrainHistoryEntry, TrainView } from '../shared/trains';
import { decideMembers, memberViews, outcomeOf, type DecidedMember } from './decide-train';
import { projectSettings } from './load-release';
import type { TrainDeps } from './train-deps';

const HISTORY_LIMIT = 30;

/**
 * Whether the person may change the train: a Preflight release owner in every member project. A
 * train without members belongs to whoever created it until its first member joins.
 */
export async function editRefusal(deps: Pick<TrainDeps, 'access' | 'settings'>, accountId: string, train: Pick<TrainRecord, 'members' | 'createdBy' | 'name'>, extraProject?: string): Promise<Text | undefined> {
  const projects = [...new Set([...train.members.map((m) => m.projectKey), ...(extraProject ? [extraProject] : [])])];
  if (projects.length === 0) return accountId === train.createdBy ? undefined : text('errors.train.creatorOnly', { train: train.name });
  const missing: string[] = [];
  await Promise.all(
    projects.map(async (projectKey) => {
      try {
        const { settings } = await projectSettings(deps, projectKey);
        const roles = await deps.access.rolesOf(accountId, projectKey, settings);
        if (!roles.includes('release-owner')) missing.push(projectKey);
      } catch (error) {
        // A project the person cannot see (Jira answers 404) holds no role for them.
        if (!(error instanceof ProductError && error.status < 500)) throw error;
        missing.push(projectKey);
      }
    }),
  );
  if (missing.length === 0) return undefined;
  missing.sort();
  return text('errors.train.notOwnerIn', { role: roleText('release-owner'), projects: { list: missing } });
}

/** Who may see a train: anyone who can see one of its members (a train without members: everyone). */
export function visibleTo(train: TrainRecord, decided: readonly DecidedMember[]): boolean {
  return train.members.length === 0 || decided.some((d) => d.visible);
}

/**
 * The train panel: schedule, members with their phase and decision (who blocks), train gates,
 * the decision with its reasons and the history. Reads as the person; a member they cannot see
 * shows as "a version you cannot see" with its decision only.
 * @throws AppError NOT_FOUND for an unknown train or one whose members the person cannot see.
 */
export async function getTrain(deps: TrainDeps, accountId: string, trainId: string, known?: TrainRecord, caller: { locale?: string; timeZone?: string } = {}): Promise<TrainView> {
  const train = known ?? (await deps.trains.get(trainId));
  if (!train) throw new AppError('NOT_FOUND', text('errors.train.notFound', { train: trainId }));
  const [decided, events, refusal] = await Promise.all([
    decideMembers(train, { asUser: deps.gateAsUser, asApp: deps.gateAsApp }),
    deps.trains.history(train.id, HISTORY_LIMIT),
    editRefusal(deps, accountId, train).catch((error: unknown) => (error instanceof AppError ? (error.text ?? error.message) : Promise.reject(error))),
  ]);
  if (!visibleTo(train, decided)) throw new AppError('NOT_FOUND', text('errors.train.notFound', { train: trainId }));
  const outcome = outcomeOf(train, decided);
  const tr = callerTranslator(caller.locale, caller.timeZone);
  const visibleProjects = new Set(decided.filter((d) => d.visible).map((d) => d.member.projectKey));
  const names = deps.people ? await deps.people.names([...new Set([...events.map((e) => e.by), ...train.gates.flatMap((g) => (g.tickedBy ? [g.tickedBy] : []))])]) : new Map<string, string>();
  const history: TrainHistoryEntry[] = events.map((e) => {
    const project = e.data?.projectKey;
    const hidden = project !== undefined && !visibleProjects.has(project);
    const summary = hidden ? say(tr, text(e.type === 'member-added' ? 'audit.memberAddedHidden' : 'audit.memberRemovedHidden')) : auditSummary(tr, e);
    return { id: e.id, type: e.type, by: names.get(e.by) ?? e.by, at: e.at, summary };
  });
  return {
    id: train.id,
    name: train.name,
    ...(train.freezeDate && { freezeDate: train.freezeDate }),
    ...(train.releaseDate && { releaseDate: train.releaseDate }),
    revision: train.revision,
    gates: train.gates.map((g) => ({ ...g, ...(g.tickedBy && { tickedBy: names.get(g.tickedBy) ?? g.tickedBy }) })),
    members: memberViews(train, decided, deps.panelUrl),
    decision: outcome.decision,
    reasons: outcome.reasonTexts.map((reason) => say(tr, reason)),
    rule: outcome.rule,
    canEdit: refusal === undefined,
    ...(refusal && { readOnlyReason: typeof refusal === 'string' ? refusal : say(tr, refusal) }),
    history,
    evaluatedAt: deps.clock.now().toISOString(),
  };
}
