import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createEmulatedSite } from '../../local/emulated-site';
import { invokeWebTrigger } from '../../local/runtime/invoke-trigger';
import { ERROR_CODES, type Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES } from '../../src/shared/macros';
import { INTEGRATION_KEYS, NOTIFICATION_KEYS } from '../../src/shared/notifications';
import { QA_KEYS } from '../../src/shared/qa';
import { PANEL_KEYS } from '../../src/shared/release-panel';
import { RELEASE_KEYS } from '../../src/shared/releases';
import { SETTINGS_KEYS } from '../../src/shared/settings';
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

const KEY_MAPS = [RELEASE_KEYS, PANEL_KEYS, SETTINGS_KEYS, QA_KEYS, INTEGRATION_KEYS, NOTIFICATION_KEYS, MACRO_KEYS];
const ALL_KEYS = [...new Set(KEY_MAPS.flatMap((map) => Object.values(map) as string[]))];

/** The module frames a resolver call can come from; each key is sent from the one its resolver expects. */
const PLACES: Array<{ moduleKey: string; extension: Record<string, unknown> }> = [
  { moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } } },
  { moduleKey: 'preflight-settings', extension: { type: 'jira:projectSettingsPage', project: { id: project.id, key: project.key, type: 'software' } } },
  {
    moduleKey: 'preflight-qa',
    extension: { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key, type: 'Story', typeId: issue.issueTypeId }, project: { id: project.id, key: project.key, type: 'software' } },
  },
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
const stored = () => ({ kvs: digest(site.kvs.snapshot()), jira: digest(JSON.stringify(site.jira)), confluence: digest(JSON.stringify(site.confluence)) });
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
        return (answer as Envelope<unknown>).ok === false || !/set|save|tick|sign|advance|decide|publish|rotate|release-version/.test(functionKey);
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
