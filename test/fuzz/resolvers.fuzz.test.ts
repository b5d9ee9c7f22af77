import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createEmulatedSite } from '../../local/emulated-site';
import { invokeWebTrigger } from '../../local/runtime/invoke-trigger';
import { invokeFailureStatus } from '../../local/site/server';
import { ERROR_CODES, type Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES } from '../../src/shared/macros';
import { INTEGRATION_KEYS, NOTIFICATION_KEYS } from '../../src/shared/notifications';
import { QA_KEYS } from '../../src/shared/qa';
import { PANEL_KEYS } from '../../src/shared/release-panel';
import { RELEASE_KEYS } from '../../src/shared/releases';
import { SETTINGS_KEYS } from '../../src/shared/settings';
import { CALENDAR_KEYS } from '../../src/shared/calendar';
import { HEALTH_KEYS } from '../../src/shared/health';
import { TRAIN_KEYS } from '../../src/shared/trains';
import { TRAIN_NOTES_KEYS } from '../../src/shared/train-notes';
import { GATE_SECRET_HEADER } from '../../src/shared/ci-gate';

/**
 * Bad input, generated: every resolver key the app registers (enumerated from the key maps in
 * src/shared, so a new key is fuzzed without touching this file) and the CI web trigger get
 * payloads a browser or a pipeline could send: any JSON, and objects built from the real field
 * names with wrong, odd or hostile values. Only typed answers may come back (never INTERNAL,
 * never a throw), and nothing stored may change: the KVS, Jira and Confluence are compared
 * before and after.
 *
 * 150 payloads per key here; PREFLIGHT_BENCH_FULL=1 (npm run bench) sends 2,000 per key.
 */
const RUNS = process.env.PREFLIGHT_BENCH_FULL === '1' ? 2000 : 150;
jest.setTimeout(process.env.PREFLIGHT_BENCH_FULL === '1' ? 1_800_000 : 60_000);

const site = createEmulatedSite({ issues: 120 });
const project = site.jira.projects.find((p) => p.key === 'PAY')!;
const version = site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const issue = site.jira.issues.find((i) => i.fixVersionIds.includes(version.id))!;

const KEY_MAPS = [RELEASE_KEYS, PANEL_KEYS, SETTINGS_KEYS, QA_KEYS, INTEGRATION_KEYS, NOTIFICATION_KEYS, MACRO_KEYS, CALENDAR_KEYS, HEALTH_KEYS, TRAIN_KEYS, TRAIN_NOTES_KEYS];
const ALL_KEYS = [...new Set(KEY_MAPS.flatMap((map) => Object.values(map) as string[]))];

/** The module frames a resolver call can come from; each key is sent from the one its resolver expects. */
const PLACES: Array<{ moduleKey: string; extension: Record<string, unknown> }> = [
  { moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } } },
  { moduleKey: 'preflight-settings', extension: { type: 'jira:projectSettingsPage', project: { id: project.id, key: project.key, type: 'software' } } },
  {
    moduleKey: 'preflight-qa',
    extension: { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key, type: 'Story', typeId: issue.issueTypeId }, project: { id: project.id, key: project.key, type: 'software' } },
  },
  { moduleKey: 'preflight-portfolio', extension: { type: 'jira:globalPage' } },
  {
    moduleKey: MACRO_MODULES.releaseNotes,
    extension: { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config: { projectKey: 'PAY', versionId: version.id } },
  },
];

/** Field names the payload schemas use: generated objects pick from these, so validation runs deep. */
const FIELDS = [
  'versionId', 'revision', 'gateId', 'done', 'link', 'role', 'signed', 'buildId', 'issueId', 'issueIds', 'decision', 'releaseType',
  'phaseId', 'plannedStart', 'plannedEnd', 'override', 'reason', 'announcementDate', 'releaseDate', 'moveUnfixedIssuesTo', 'list',
  'cursor', 'config', 'projectKey', 'audience', 'grouping', 'typeOrder', 'kind', 'spaceId', 'format', 'build', 'note', 'slackUrl',
  'teamsUrl', 'reminderDays', 'settings', 'templates', 'roleMapping', 'qaIssueTypes', 'blockerPriorities', 'beddingInDays', '__proto__', 'constructor',
];
const oddStrings = fc.constantFrom(
  '', ' ', '999999999', '-1', '0', '1e9', 'PAY', 'pay', 'dependencies', 'go-no-go', 'qa', 'release-owner', 'approved', 'major',
  '2026-02-30', '9999-99-99', 'https://evil.example/x', 'javascript:alert(1)', '<script>alert(1)</script>', "' OR 1=1 --",
  'fixVersion = 1 OR project IS NOT EMPTY', '../../etc/passwd', '\u0000', '\u202e', 'x'.repeat(5000), '__proto__',
);
const oddValues: fc.Arbitrary<unknown> = fc.oneof(
  oddStrings,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(oddStrings, fc.integer()), { maxLength: 30 }),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(oddStrings, fc.integer(), fc.boolean()), { maxKeys: 5 }),
);
/** Objects shaped like real payloads, with wrong values; plus any JSON at all. */
const payloads: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), oddValues, { minKeys: 1, maxKeys: 6 }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

/** Stored state of the whole site, as a digest per store: what must not change. */
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const stored = () => ({ kvs: digest(kvsValues()), jira: digest(JSON.stringify(site.jira)), confluence: digest(JSON.stringify(site.confluence)) });
/** The KVS's stored values; an entity's empty container (the local KVS makes one when a query first reads it) stores nothing. */
function kvsValues(): string {
  const state = JSON.parse(site.kvs.snapshot()) as { entities?: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const entities = Object.entries(state.entities ?? {}).filter(([, rows]) => Object.keys(rows).length > 0).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ ...state, entities: Object.fromEntries(entities) });
}
/**
 * An empty payload is the valid request of keys without parameters, not bad input. @forge/resolver
 * hands a resolver `payload || {}`, so every falsy payload (null, false, 0, "") is empty too.
 */
const isEmptyRequest = (payload: unknown) =>
  !payload || (typeof payload === 'object' && !Array.isArray(payload) && Object.keys(payload as object).length === 0);

function isTypedAnswer(answer: unknown): boolean {
  const a = answer as Envelope<unknown> | undefined;
  if (!a || typeof a !== 'object') return false;
  if (a.ok === true) return 'data' in a;
  return a.ok === false && ERROR_CODES.includes(a.error.code) && a.error.code !== 'INTERNAL' && typeof a.error.message === 'string' && a.error.message.length > 0;
}

/** The place whose context the key's resolver accepts: a payload-only error there, not a context error. */
async function placeFor(functionKey: string) {
  for (const place of PLACES) {
    const answer = await site.invoke<Envelope<unknown>>({ as: 'release-owner', functionKey, payload: { '\u0001fuzz': 1 }, ...place });
    const contextRefused = !answer.ok && (answer.error.fields ?? []).some((f) => f.field === 'context' || f.field.startsWith('extension'));
    if (!contextRefused) return place;
  }
  throw new Error(`no module context is accepted by ${functionKey}`);
}

afterEach(() => expect(site.violations).toEqual([]));

describe('generated bad payloads to every resolver', () => {
  it('enumerates the keys the app registers', () => {
    expect(ALL_KEYS.length).toBeGreaterThanOrEqual(25);
    expect(ALL_KEYS).toEqual(expect.arrayContaining([PANEL_KEYS.tick, MACRO_KEYS.publish, QA_KEYS.decide, SETTINGS_KEYS.save]));
  });

  it.each(ALL_KEYS)('%s answers every payload with a typed error and changes nothing', async (functionKey) => {
    const place = await placeFor(functionKey);
    const before = stored();
    const persona = fc.constantFrom('release-owner', 'viewer', 'qa') as fc.Arbitrary<'release-owner' | 'viewer' | 'qa'>;
    await fc.assert(
      fc.asyncProperty(payloads, persona, async (payload, as) => {
        fc.pre(!isEmptyRequest(payload));
        const answer = await site.invoke({ as, functionKey, payload, ...place });
        if (!isTypedAnswer(answer)) throw new Error(`untyped answer: ${JSON.stringify(answer).slice(0, 300)}`);
        // A payload that passes validation may read; it must never write.
        return (answer as Envelope<unknown>).ok === false || !/set|save|tick|sign|advance|decide|publish|rotate|release-version|create|update|member/.test(functionKey);
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
    expect(stored()).toEqual(before);
  });
});

describe('generated bad requests to the CI web trigger', () => {
  const header = fc.oneof(fc.constantFrom(GATE_SECRET_HEADER, 'authorization', 'Authorization', 'content-type', 'x-forwarded-for'), fc.string({ maxLength: 20 }));
  const requests = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', ''),
    query: fc.dictionary(fc.oneof(fc.constantFrom('project', 'version', 'versionId', 'secret'), fc.string({ maxLength: 10 })), fc.array(fc.oneof(oddStrings, fc.string()), { maxLength: 3 }), { maxKeys: 4 }),
    headers: fc.dictionary(header, fc.array(fc.oneof(oddStrings, fc.constant('Bearer '), fc.string()), { maxLength: 2 }), { maxKeys: 4 }),
    body: fc.oneof(fc.constant(''), fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))),
  });

  it('answers each with a 4xx JSON error, never a crash, and changes nothing', async () => {
    const before = stored();
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, query, headers, body }) => {
        const answer = (await invokeWebTrigger({
          handler: site.handler('ci-gate'),
          moduleKey: 'preflight-ci-gate',
          request: { method, path: '/', headers, queryParameters: query, body },
        })) as { statusCode: number; body: string };
        // No secret was ever created, so nothing generated can be let in.
        expect(answer.statusCode).toBeGreaterThanOrEqual(400);
        expect(answer.statusCode).toBeLessThan(500);
        expect(() => JSON.parse(answer.body) as unknown).not.toThrow();
      }),
      { numRuns: RUNS * 4, seed: 20261126 },
    );
    expect(stored()).toEqual(before);
  });
});

/** Names every object inherits: @forge/resolver finds keys with `in`, so these must be refused before it looks. */
const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'toLocaleString', 'propertyIsEnumerable', '__lookupGetter__'];

describe('generated calls to function keys named like Object.prototype members', () => {
  it('are all refused as unknown keys (404 on /api/invoke): 0 accepted, 0 answers of 500, nothing stored', async () => {
    const before = stored();
    const tally = { calls: 0, accepted: 0, unknownKey: 0, status500: 0, other: 0 };
    const modules = fc.constantFrom(...PLACES);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROTOTYPE_KEYS), modules, payloads, async (functionKey, place, payload) => {
        tally.calls++;
        try {
          await site.invoke({ as: 'release-owner', functionKey, payload, ...place });
          tally.accepted++;
        } catch (error) {
          const status = invokeFailureStatus(error);
          if (status === 404) tally.unknownKey++;
          else if (status === 500) tally.status500++;
          else tally.other++;
        }
      }),
      { numRuns: RUNS, seed: 20261201 },
    );
    expect(tally).toEqual({ calls: RUNS, accepted: 0, unknownKey: RUNS, status500: 0, other: 0 });
    expect(stored()).toEqual(before);
  });
});

describe('generated release calls whose context pairs one project\'s id with another key', () => {
  const projects = site.jira.projects.map((p) => ({ id: p.id, key: p.key }));
  /** Requests a release owner's panel makes, each accepted with a matching context. */
  const requests: Array<{ functionKey: string; payload: Record<string, unknown> }> = [
    { functionKey: PANEL_KEYS.get, payload: { versionId: version.id } },
    { functionKey: PANEL_KEYS.audit, payload: { versionId: version.id } },
    { functionKey: PANEL_KEYS.issues, payload: { versionId: version.id, list: 'not-done' } },
    { functionKey: PANEL_KEYS.setType, payload: { versionId: version.id, revision: 0, releaseType: 'hotfix' } },
    { functionKey: PANEL_KEYS.setBuild, payload: { versionId: version.id, revision: 0, buildId: 'fuzz-1' } },
    { functionKey: PANEL_KEYS.evidencePack, payload: { versionId: version.id } },
  ];
  const ids = fc.oneof(fc.constantFrom(...projects.map((p) => p.id)), fc.integer({ min: 1, max: 10 ** 9 }).map(String));
  const keys = fc.oneof(fc.constantFrom(...projects.map((p) => p.key)), fc.stringMatching(/^[A-Z][A-Z0-9_]{0,9}$/));
  /** A pair that names two different projects (or one that does not exist): never a real project's own id and key. */
  const mismatched = fc.tuple(ids, keys).filter(([id, key]) => !projects.some((p) => p.id === id && p.key === key));

  /** Each call reads Jira (a whole release load, unlike a payload refused at validation): a third as many runs. */
  const CONTEXT_RUNS = Math.round(RUNS / 3);

  it('are all refused with a typed answer: 0 accepted, 0 answers of 500, nothing stored', async () => {
    const before = stored();
    const tally = { calls: 0, accepted: 0, refused: 0, status500: 0, codes: {} as Record<string, number> };
    const persona = fc.constantFrom('release-owner', 'viewer', 'qa') as fc.Arbitrary<'release-owner' | 'viewer' | 'qa'>;
    await fc.assert(
      fc.asyncProperty(mismatched, fc.constantFrom(...requests), persona, async ([id, key], request, as) => {
        tally.calls++;
        const extension = { type: 'jira:projectPage', project: { id, key, type: 'software' } };
        try {
          const answer = await site.invoke<Envelope<unknown>>({ as, moduleKey: 'preflight-releases', extension, ...request });
          if (answer.ok) tally.accepted++;
          else if (answer.error.code === 'INTERNAL') tally.status500++;
          else {
            tally.refused++;
            tally.codes[answer.error.code] = (tally.codes[answer.error.code] ?? 0) + 1;
          }
        } catch {
          tally.status500++;
        }
      }),
      { numRuns: CONTEXT_RUNS, seed: 20261201 },
    );
    console.log(`mismatched contexts: ${JSON.stringify(tally)}`);
    expect(tally).toMatchObject({ calls: CONTEXT_RUNS, accepted: 0, refused: CONTEXT_RUNS, status500: 0 });
    expect(Object.keys(tally.codes).every((code) => code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'INVALID_INPUT')).toBe(true);
    expect(stored()).toEqual(before);
    // The same requests with the project's own id and key are accepted: the refusals are about the pairing.
    const own = { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } };
    const setType = await site.invoke<Envelope<unknown>>({ as: 'release-owner', moduleKey: 'preflight-releases', extension: own, ...requests[3]! });
    expect(setType.ok).toBe(true);
  });
});
