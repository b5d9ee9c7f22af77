import { AppError } from '../errors';
import { GO_RULE, type TrainGateAnswer } from '../shared/ci-gate';
import { TRAIN_GO_RULE } from '../shared/trains';
import type { GateDeps } from './decide-gate';
import { decideMembers, outcomeOf } from './decide-train';
import type { TrainStore } from './train-deps';
import { text } from '../i18n/server-translator';

/**
 * The CI gate's answer for a release train: each member decided by the release gate rule (the
 * same `decideGate` a version's answer uses, as the app, after a member project's secret matched)
 * plus the train gates. Member names, phases and gate names only, never issue content.
 * @throws AppError NOT_FOUND for an unknown train; ProductError when Jira fails.
 */
export async function decideTrainGate(deps: { trains: Pick<TrainStore, 'get'>; gate: GateDeps }, trainId: string, known?: Awaited<ReturnType<TrainStore['get']>>): Promise<TrainGateAnswer> {
  const train = known ?? (await deps.trains.get(trainId));
  if (!train) throw new AppError('NOT_FOUND', text('errors.train.notFound', { train: trainId }));
  const decided = await decideMembers(train, { asUser: deps.gate });
  const outcome = outcomeOf(train, decided);
  return {
    train: train.id,
    name: train.name,
    decision: outcome.decision,
    failingGates: outcome.failingGates,
    members: decided.map((d) =>
      d.visible
        ? { project: d.member.projectKey, version: d.answer.version, versionId: d.answer.versionId, phase: d.answer.phase, decision: d.answer.decision, failingGates: d.answer.failingGates }
        : // Deleted in Jira since it joined: it blocks the train.
          { project: d.member.projectKey, version: d.member.versionId, versionId: d.member.versionId, phase: 'Not found in Jira', decision: 'no-go', failingGates: [] },
    ),
    reason: outcome.reasons.join(' '),
    rule: `${TRAIN_GO_RULE}; a member is ${GO_RULE}`,
    evaluatedAt: deps.gate.clock.now().toISOString(),
  };
}
