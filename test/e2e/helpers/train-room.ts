import { kvsTrainStore } from '../../../src/adapters/kvs-trains';
import { addMember, createTrain } from '../../../src/domain/trains';
import type { LocalSite } from '../../../local/site/compose';
import { userByPersona } from './browser-site';

/**
 * The release train 2026.12 (PAY 2.2 and MOB 4.2) and a Confluence page holding the train release
 * notes macro, made on a fresh local site the way people make them: the train through the trains'
 * store (as the train page writes it), the page through the simulated Confluence REST API, both
 * as Rita. Used by the train notes test and by every-page (accessibility, pseudo-locale).
 */
export const TRAIN_NOTES_MACRO = 'preflight-train-notes-macro';

export interface ProductAnswer {
  status: number;
  body: unknown;
}

/** The simulated products' REST API as Rita (the release owner), answering status and body. */
export function ritaRest(site: LocalSite): (method: string, path: string, body?: unknown) => Promise<ProductAnswer> {
  const rita = userByPersona('release-owner');
  return async (method, path, body) => {
    const url = new URL(path, 'http://localhost');
    const answer = await site.products({ method, path: url.pathname, query: url.searchParams, headers: { 'content-type': 'application/json' }, body, accountId: rita.accountId, asApp: false });
    return { status: answer?.status ?? 404, body: answer?.body };
  };
}

export interface TrainRoomOptions {
  /** The macro as already configured for the train (its audience); left out, the macro asks for a train. */
  configuredFor?: { audience: 'customer' | 'internal' };
}

export interface TrainRoom {
  /** Version id of PAY 2.2 (the demo's active release). */
  pay22: string;
  /** The train 2026.12, with PAY 2.2 and MOB 4.2. */
  trainId: string;
  /** The Confluence page "Train 2026.12 room" holding the train release notes macro. */
  pageId: string;
}

/** Creates the train 2026.12 and its Confluence room with the train release notes macro. */
export async function prepareTrainRoom(site: LocalSite, options: TrainRoomOptions = {}): Promise<TrainRoom> {
  const rita = userByPersona('release-owner');
  const rest = ritaRest(site);
  const ok = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await rest(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status}`);
    return answer.body;
  };
  const version = async (key: string, name: string): Promise<{ id: string; name: string }> => {
    const found = ((await ok('GET', `/rest/api/3/project/${key}/versions`)) as Array<{ id: string; name: string }>).find((v) => v.name === name);
    if (!found) throw new Error(`The seed has no version ${name}`);
    return found;
  };
  const pay = await version('PAY', 'PAY 2.2');
  const mob = await version('MOB', 'MOB 4.2');
  const store = kvsTrainStore();
  const at = new Date().toISOString();
  const created = createTrain({ name: '2026.12', releaseDate: '2026-12-15', by: rita.accountId, at });
  let train = await store.save(created.record, 0, created.events);
  for (const [key, v] of [['PAY', pay], ['MOB', mob]] as const) {
    const change = addMember(train, { projectKey: key, versionId: v.id, versionName: v.name }, rita.accountId, at);
    train = await store.save(change.record, train.revision, change.events);
  }
  const localId = `${TRAIN_NOTES_MACRO}-1`;
  const parameters = options.configuredFor ? { localId, guestParams: { trainId: train.id, audience: options.configuredFor.audience } } : { localId };
  const adf = {
    type: 'doc',
    version: 1,
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Train 2026.12 release room.' }] },
      { type: 'extension', attrs: { extensionType: 'com.atlassian.ecosystem', extensionKey: `app/env/static/${TRAIN_NOTES_MACRO}`, parameters, localId } },
    ],
  };
  const page = (await ok('POST', '/wiki/api/v2/pages', { spaceId: '98305', status: 'current', title: 'Train 2026.12 room', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } })) as { id: string };
  return { pay22: pay.id, trainId: train.id, pageId: page.id };
}
