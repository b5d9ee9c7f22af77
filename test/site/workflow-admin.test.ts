import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import { LOCAL_USERS, type LocalUser } from '../../local/sim/users';
import { USER_COOKIE } from '../../local/site/http-util';

/**
 * The local Jira's workflow page: who may add or remove an app validator on a transition (project
 * admins only, as in Jira), and that a change is kept on disk like any other change to Jira.
 */
const APP_ROOT = resolve(__dirname, '../..');
let site: LocalSite;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-workflow-'));
  site = await createLocalSite({ dataDir, port: 0, appRoot: APP_ROOT, seedIssues: 60, log: () => undefined });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const as = (persona: LocalUser['persona']) => ({ cookie: `${USER_COOKIE}=${encodeURIComponent(LOCAL_USERS.find((u) => u.persona === persona)!.accountId)}` });
const post = (persona: LocalUser['persona'], path: string, form: Record<string, string> = {}) =>
  fetch(`${site.url}${path}`, { method: 'POST', redirect: 'manual', headers: { ...as(persona), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
const rules = () => {
  site.flush();
  const state = JSON.parse(readFileSync(join(dataDir, 'jira.json'), 'utf8')) as { workflowRules?: Array<{ id: string; toStatusId: string; moduleKey: string }> };
  return state.workflowRules ?? [];
};

test('shows the validator on PAY\'s Done transition, with remove buttons for a project admin only', async () => {
  const forAdmin = await (await fetch(`${site.url}/jira/projects/PAY/settings/workflow`, { headers: as('release-owner') })).text();
  expect(forAdmin).toContain('Preflight: QA approval before Done');
  expect(forAdmin).toContain('Remove Preflight: QA approval before Done from Done');
  const forDev = await (await fetch(`${site.url}/jira/projects/PAY/settings/workflow`, { headers: as('developer') })).text();
  expect(forDev).toContain('Preflight: QA approval before Done');
  expect(forDev).not.toContain('Remove');
  expect(forDev).toContain('Only administrators of PAY can change its workflow.');
});

test('refuses a change from someone who does not administer the project, and keeps an admin\'s change on disk', async () => {
  const [seeded] = rules();
  const refused = await post('developer', `/jira/projects/PAY/settings/workflow/rules/${seeded!.id}/delete`);
  expect(refused.status).toBe(403);
  expect(rules()).toHaveLength(1);

  expect((await post('release-owner', `/jira/projects/PAY/settings/workflow/rules/${seeded!.id}/delete`)).status).toBe(303);
  expect(rules()).toEqual([]);
  expect((await post('release-owner', '/jira/projects/MOB/settings/workflow/rules', { toStatusId: '10002', moduleKey: 'preflight-qa-validator' })).status).toBe(303);
  expect(rules()).toEqual([expect.objectContaining({ toStatusId: '10002', moduleKey: 'preflight-qa-validator' })]);
  const unknown = await post('release-owner', '/jira/projects/MOB/settings/workflow/rules', { toStatusId: '10002', moduleKey: 'someone-elses-validator' });
  expect(rules()).toHaveLength(1);
  // The refusal shows once on the page the redirect leads to; the link carries an id, not the text.
  const location = unknown.headers.get('location')!;
  expect(location).toMatch(/\?notice=[0-9a-f-]{36}$/);
  const shown = await (await fetch(`${site.url}${location}`, { headers: as('release-owner') })).text();
  expect(shown).toContain('Choose a transition and a validator the installed apps provide.');
  const again = await (await fetch(`${site.url}${location}`, { headers: as('release-owner') })).text();
  expect(again).not.toContain('Choose a transition and a validator');
});

test('a crafted link cannot make a local Jira page show words Jira never said', async () => {
  const crafted = encodeURIComponent('Your session expired: sign in again at evil.example');
  for (const path of [`/jira/projects/PAY/settings/workflow?error=${crafted}&notice=${crafted}`, `/browse/PAY-1?error=${crafted}&notice=${crafted}`]) {
    const text = await (await fetch(`${site.url}${path}`, { headers: as('release-owner') })).text();
    // (The user switcher keeps the URL encoded in a hidden field; no readable text comes from it.)
    expect(text).not.toContain('Your session expired');
  }
});
