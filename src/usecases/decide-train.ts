import { memberLabel, sharedProjects, trainDecision, type MemberOutcome, type TrainOutcome, type TrainRecord } from '../domain/trains';
import { AppError, ProductError } from '../errors';
import type { GateAnswer } from '../shared/ci-gate';
import type { TrainMemberView } from '../shared/trains';
import { decideGate, type GateDeps } from './decide-gate';

/** One member as decided: the gate's answer when the reader can see it, else the bare decision. */
export type DecidedMember = { member: TrainRecord['members'][number]; answer: GateAnswer; visible: true } | { member: TrainRecord['members'][number]; decision: 'go' | 'no-go'; visible: false };

/** A member the reader may not see: Jira answers 404/403, or the project is unknown to them. */
function isHidden(error: unknown): boolean {
  return (error instanceof AppError && error.code === 'NOT_FOUND') || (error instanceof ProductError && (error.status === 404 || error.status === 403 || error.status === 401));
}

const CONCURRENCY = 4;

/**
 * Every member's go/no-go by the release gate rule (the CI gate's `decideGate`, never a copy of
 * it), at most four at a time. `asUser` reads as the person: a member they cannot see is decided
 * with `asApp` (when given) and shows only its decision; without `asApp` such a member is no-go.
 */
export async function decideMembers(train: TrainRecord, gates: { asUser: GateDeps; asApp?: GateDeps }): Promise<DecidedMember[]> {
  const out: DecidedMember[] = new Array(train.members.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < train.members.length; i = next++) {
      const member = train.members[i]!;
      const query = { project: member.projectKey, version: member.versionId };
      try {
        out[i] = { member, answer: await decideGate(gates.asUser, query), visible: true };
      } catch (error) {
        if (!isHidden(error)) throw error;
        let decision: 'go' | 'no-go' = 'no-go';
        if (gates.asApp) {
          try {
            decision = (await decideGate(gates.asApp, query)).decision;
          } catch (appError) {
            // A member deleted in Jira blocks the train: nobody can release it.
            if (!isHidden(appError)) throw appError;
          }
        }
        out[i] = { member, decision, visible: false };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, train.members.length) }, worker));
  return out;
}

export function outcomeOf(train: TrainRecord, decided: readonly DecidedMember[]): TrainOutcome {
  const members: MemberOutcome[] = decided.map((d) =>
    d.visible
      ? { projectKey: d.member.projectKey, versionId: d.member.versionId, label: memberLabel(d.member.projectKey, d.answer.version), phase: d.answer.phase, decision: d.answer.decision, failingGates: d.answer.failingGates }
      : { projectKey: d.member.projectKey, versionId: d.member.versionId, decision: d.decision, failingGates: [] },
  );
  return trainDecision(train, members);
}

export const HIDDEN_MEMBER_LABEL = 'A version you cannot see';

export function memberViews(train: TrainRecord, decided: readonly DecidedMember[], panelUrl?: (projectKey: string, versionId: string) => string): TrainMemberView[] {
  const shared = sharedProjects(train);
  return decided.map((d): TrainMemberView => {
    if (!d.visible) return { visible: false, label: HIDDEN_MEMBER_LABEL, decision: d.decision };
    const count = shared.get(d.member.projectKey);
    return {
      visible: true,
      projectKey: d.member.projectKey,
      versionId: d.member.versionId,
      versionName: d.answer.version,
      phase: d.answer.phase,
      decision: d.answer.decision,
      failingGates: d.answer.failingGates,
      reason: d.answer.reason,
      ...(panelUrl && { panelUrl: panelUrl(d.member.projectKey, d.member.versionId) }),
      ...(count && { sameProjectNote: `${d.member.projectKey} has ${count} versions on this train; each must be go.` }),
    };
  });
}
