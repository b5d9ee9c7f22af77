import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { NO_FAULTS } from '../../local/sim/faults';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES } from '../../src/shared/macros';
import { PANEL_KEYS } from '../../src/shared/release-panel';
import { seededRandom } from './seeded-random';

/**
 * Jira and Confluence rate-limiting hard: 60% of the app's calls answer 429 with Retry-After 5 s
 * (seeded, so every run meets the same 429s). Waits are real. Whatever the app manages, each
 * invocation must end inside Forge's limit for its kind with something a person can act on,
 * never be killed by the platform: the retry budgets come from the time the invocation has left.
 * The daily reminders under the same storm: heavy-429-reminders.test.ts.
 */
jest.setTimeout(60_000);

const RESOLVER_LIMIT_MS = 25_000;
const site = createEmulatedSite({ issues: 200, faults: { ...NO_FAULTS, rate429: 0.6, retryAfterSeconds: 5 }, faultRandom: seededRandom(429) });
const version = site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const config = { projectKey: 'PAY', versionId: version.id };
const macroExtension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config };

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

/** Done, or refused with a message that says what happened and to try again. */
function expectUsefulEnding(answer: Envelope<unknown>): void {
  if (answer.ok) return;
  expect(answer.error.code).toBe('UPSTREAM_UNAVAILABLE');
  expect(answer.error.message).toMatch(/(Jira|Confluence) is rate-limiting Preflight while Preflight was trying to .+(Try again in a minute|Wait a minute and try again)/);
}

it('the panel and publishing the release notes each end within their time limit, with a useful message', async () => {
  const [panel, publish] = await Promise.all([
    timed(() =>
      site.invoke<Envelope<unknown>>({ as: 'release-owner', functionKey: PANEL_KEYS.get, payload: { versionId: version.id }, moduleKey: 'preflight-releases', extension: projectPageExtension(site, 'PAY') }),
    ),
    timed(() =>
      site.invoke<Envelope<unknown>>({
        as: 'release-owner',
        functionKey: MACRO_KEYS.publish,
        payload: { config, kind: 'release-notes', spaceId: '98305' },
        moduleKey: MACRO_MODULES.releaseNotes,
        extension: macroExtension,
      }),
    ),
  ]);
  console.log(
    `Under 60% 429s (Retry-After 5 s): release/get ${panel.ms} ms (${panel.result.ok ? 'done' : panel.result.error.message}); ` +
      `publish ${publish.ms} ms (${publish.result.ok ? 'done' : publish.result.error.message})`,
  );
  expect(panel.ms).toBeLessThan(RESOLVER_LIMIT_MS);
  expect(publish.ms).toBeLessThan(RESOLVER_LIMIT_MS);
  expectUsefulEnding(panel.result);
  expectUsefulEnding(publish.result);
  // The 429s really happened, and the app waited them out rather than hammering Jira.
  expect(site.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
});
