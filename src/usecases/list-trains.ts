import type { TrainList } from '../shared/trains';
import { decideMembers, outcomeOf } from './decide-train';
import { visibleTo } from './get-train';
import type { TrainDeps } from './train-deps';

/**
 * The trains the person can see (one of their members, or no members yet), each with its
 * decision. Each member is decided as the CI gate decides it (constant REST cost per member).
 */
export async function listTrains(deps: TrainDeps): Promise<TrainList> {
  const trains = await deps.trains.list();
  const rows = await Promise.all(
    trains.map(async (train) => {
      const decided = await decideMembers(train, { asUser: deps.gateAsUser, asApp: deps.gateAsApp });
      if (!visibleTo(train, decided)) return undefined;
      const outcome = outcomeOf(train, decided);
      return {
        id: train.id,
        name: train.name,
        ...(train.freezeDate && { freezeDate: train.freezeDate }),
        ...(train.releaseDate && { releaseDate: train.releaseDate }),
        memberCount: train.members.length,
        decision: outcome.decision,
        blockers: outcome.blockers.length + outcome.failingGates.length,
      };
    }),
  );
  return { trains: rows.filter((r) => r !== undefined) };
}
