import { addMember, createTrain, editTrain, removeMember, tickTrainGate, type TrainChange, type TrainRecord } from '../domain/trains';
import { AppError, ConflictError, ProductError } from '../errors';
import type { TrainCreatePayload, TrainMemberPayload, TrainTickPayload, TrainUpdatePayload, TrainView } from '../shared/trains';
import { editRefusal, getTrain } from './get-train';
import type { TrainDeps } from './train-deps';
import { text } from '../i18n/server-translator';
import { roleText } from '../domain/gates';

/**
 * Creates a train. Only a Preflight release owner of the project it is created from may (so a
 * viewer cannot take a train's name before the teams do). Its creator owns it until the first
 * member joins; from then on, changing it needs the release owner role in every member project.
 * @throws AppError FORBIDDEN; ConflictError when a train with the same id exists.
 */
export async function createTrainUseCase(deps: TrainDeps, accountId: string, input: TrainCreatePayload): Promise<TrainView> {
  const refusal = await editRefusal(deps, accountId, { members: [], createdBy: accountId, name: input.name }, input.projectKey);
  if (refusal) throw new AppError('FORBIDDEN', text('errors.train.createNeedsOwner', { role: roleText('release-owner'), project: input.projectKey }));
  const change = createTrain({
    name: input.name,
    ...(input.freezeDate && { freezeDate: input.freezeDate }),
    ...(input.releaseDate && { releaseDate: input.releaseDate }),
    ...(input.gates && { gates: input.gates }),
    by: accountId,
    at: deps.clock.now().toISOString(),
  });
  const saved = await deps.trains.save(change.record, 0, change.events);
  return getTrain(deps, accountId, saved.id, saved);
}

/**
 * The one path every train change takes: load, refuse a stale revision, authorise (release owner in
 * every member project, and in the project of a member being added), apply the pure change and save
 * it with its history under a compare-and-swap. Answers the fresh panel.
 * @throws AppError NOT_FOUND / FORBIDDEN; ConflictError; ReleaseRuleError.
 */
async function changeTrain(
  deps: TrainDeps,
  accountId: string,
  trainId: string,
  revision: number,
  change: (train: TrainRecord, at: string) => Promise<TrainChange> | TrainChange,
  extraProject?: string,
): Promise<TrainView> {
  const train = await deps.trains.get(trainId);
  if (!train) throw new AppError('NOT_FOUND', text('errors.train.notFound', { train: trainId }));
  const refusal = await editRefusal(deps, accountId, train, extraProject);
  if (refusal) throw new AppError('FORBIDDEN', refusal);
  if (train.revision !== revision) throw new ConflictError(text('errors.train.changed', { train: train.name }));
  const { record, events } = await change(train, deps.clock.now().toISOString());
  if (events.length === 0) return getTrain(deps, accountId, train.id, train);
  const saved = await deps.trains.save(record, train.revision, events);
  return getTrain(deps, accountId, saved.id, saved);
}

export function updateTrain(deps: TrainDeps, accountId: string, input: TrainUpdatePayload): Promise<TrainView> {
  return changeTrain(deps, accountId, input.trainId, input.revision, (train, at) =>
    editTrain(
      train,
      {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.freezeDate !== undefined && { freezeDate: input.freezeDate }),
        ...(input.releaseDate !== undefined && { releaseDate: input.releaseDate }),
        ...(input.gates !== undefined && { gates: input.gates }),
      },
      accountId,
      at,
    ),
  );
}

/** Adds a version the person can see, of the project it names (read as the person). */
export function addTrainMember(deps: TrainDeps, accountId: string, input: TrainMemberPayload): Promise<TrainView> {
  return changeTrain(
    deps,
    accountId,
    input.trainId,
    input.revision,
    async (train, at) => {
      const [projectId, version] = await Promise.all([
        deps.reads.projectId(input.projectKey),
        deps.reads.version(input.versionId).catch((error: unknown) => {
          if (error instanceof ProductError && error.status === 404) return undefined;
          throw error;
        }),
      ]);
      if (!projectId) throw new AppError('NOT_FOUND', text('errors.project.notVisible', { project: input.projectKey }), [{ field: 'projectKey', message: text('errors.field.app.noProject') }]);
      if (!version || version.projectId !== projectId) {
        throw new AppError('NOT_FOUND', text('errors.version.notVisibleIn', { project: input.projectKey, version: input.versionId }), [{ field: 'versionId', message: text('errors.field.app.noVersion') }]);
      }
      return addMember(train, { projectKey: input.projectKey, versionId: input.versionId, versionName: version.name }, accountId, at);
    },
    input.projectKey,
  );
}

export function removeTrainMember(deps: TrainDeps, accountId: string, input: TrainMemberPayload): Promise<TrainView> {
  return changeTrain(deps, accountId, input.trainId, input.revision, async (train, at) => {
    const name = await deps.reads.version(input.versionId).then(
      (v) => v.name,
      () => undefined,
    );
    return removeMember(train, { projectKey: input.projectKey, versionId: input.versionId, ...(name && { versionName: name }) }, accountId, at);
  });
}

export function tickTrain(deps: TrainDeps, accountId: string, input: TrainTickPayload): Promise<TrainView> {
  return changeTrain(deps, accountId, input.trainId, input.revision, (train, at) => tickTrainGate(train, input.gateId, input.ticked, accountId, at));
}
