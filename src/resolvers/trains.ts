import api from '@forge/api';
import { z } from 'zod';
import { jiraPeople, jiraProjectAccess } from '../adapters/jira-access';
import { jiraReleaseReads } from '../adapters/jira-release-reads';
import { kvsSettingsStore } from '../adapters/kvs-settings-store';
import { kvsTrainStore } from '../adapters/kvs-trains';
import { gateDeps, releasePanelUrl } from '../composition';
import { TRAIN_KEYS, trainCreatePayloadSchema, trainGetPayloadSchema, trainListPayloadSchema, trainMemberPayloadSchema, trainTickPayloadSchema, trainUpdatePayloadSchema } from '../shared/trains';
import { addTrainMember, createTrainUseCase, removeTrainMember, tickTrain, updateTrain } from '../usecases/change-train';
import { getTrain } from '../usecases/get-train';
import { listTrains } from '../usecases/list-trains';
import type { TrainDeps } from '../usecases/train-deps';
import { defineResolver, type ResolverRequest } from './define-resolver';

/**
 * Issue 14 (Release trains). Contract with src/index.ts (keep these export names):
 * - `trainsPageResolvers`: resolver key -> resolver, served to the Jira pages (index.handler) only.
 * - `trainsMacroResolvers`: resolver key -> resolver, served to the pages AND the macro frames (index.macroHandler).
 * Keys are `noun/verb` strings defined in src/shared (never an existing key).
 */
export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

/** Trains are not a project's: the global page (and any Jira page) may ask; the person's reads decide what they see. */
const anyPage = z.looseObject({ siteUrl: z.string().optional() });

/**
 * Reads go as the person; the app reads Jira only to decide a member the person cannot see (its
 * decision is all that leaves) and project roles (as the release panel does).
 */
function trainDeps(siteUrl?: string): TrainDeps {
  return {
    trains: kvsTrainStore(),
    gateAsUser: gateDeps(api.asUser()),
    gateAsApp: gateDeps(api.asApp()),
    reads: jiraReleaseReads(api.asUser()),
    access: jiraProjectAccess(),
    settings: kvsSettingsStore(),
    people: jiraPeople(),
    clock: { now: () => new Date() },
    ...(siteUrl && { panelUrl: (projectKey: string, versionId: string) => releasePanelUrl(siteUrl, projectKey, versionId) }),
  };
}

export const trainsPageResolvers: Record<string, ResolverFunction> = {
  [TRAIN_KEYS.list]: defineResolver({ payload: trainListPayloadSchema, context: anyPage, run: () => listTrains(trainDeps()) }),
  [TRAIN_KEYS.get]: defineResolver({ payload: trainGetPayloadSchema, context: anyPage, run: (input, c, accountId, caller) => getTrain(trainDeps(c.siteUrl), accountId, input.trainId, undefined, caller) }),
  // Writes: each use case checks the Preflight release owner role in every member project before it saves.
  [TRAIN_KEYS.create]: defineResolver({ payload: trainCreatePayloadSchema, context: anyPage, run: (input, c, accountId) => createTrainUseCase(trainDeps(c.siteUrl), accountId, input) }),
  [TRAIN_KEYS.update]: defineResolver({ payload: trainUpdatePayloadSchema, context: anyPage, run: (input, c, accountId) => updateTrain(trainDeps(c.siteUrl), accountId, input) }),
  [TRAIN_KEYS.addMember]: defineResolver({ payload: trainMemberPayloadSchema, context: anyPage, run: (input, c, accountId) => addTrainMember(trainDeps(c.siteUrl), accountId, input) }),
  [TRAIN_KEYS.removeMember]: defineResolver({ payload: trainMemberPayloadSchema, context: anyPage, run: (input, c, accountId) => removeTrainMember(trainDeps(c.siteUrl), accountId, input) }),
  [TRAIN_KEYS.tick]: defineResolver({ payload: trainTickPayloadSchema, context: anyPage, run: (input, c, accountId) => tickTrain(trainDeps(c.siteUrl), accountId, input) }),
};
export const trainsMacroResolvers: Record<string, ResolverFunction> = {};
