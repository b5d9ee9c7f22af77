import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../local/persist/json-file';
import { seedJira } from '../../local/sim/seed/jira-seed';
import { LOCAL_USERS, type LocalUser } from '../../local/sim/users';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import type { Envelope } from '../../src/shared/envelope';
import { QA_KEYS, type IssueQaView } from '../../src/shared/qa';
import { PANEL_KEYS, type AuditEventView, type ReleaseView } from '../../src/shared/release-panel';

/**
 * Ten people change one release at the same moment through the local site's `POST /api/invoke`
 * (real HTTP, the real resolver handler, the local KVS on disk): checklist ticks, phase dates,
 * sign-offs and QA decisions, each person several at once, each toggling what their screen shows.
 * Changes to different parts merge (re-applied on the latest revision), so many writes sent on a
 * stale revision are accepted; a change to a part someone changed since is refused with one
 * sentence naming who changed what. Afterwards no accepted change is missing from the record and
 * its audit trail, and no two accepted changes claim the same revision.
 *
 * CHANGES_EACH per person: 4 here, 50 with PREFLIGHT_BENCH_FULL=1 (npm run bench).
 */
const CHANGES_EACH = process.env.PREFLIGHT_BENCH_FULL === '1' ? 50 : 4;
jest.setTimeout(process.env.PREFLIGHT_BENCH_FULL === '1' ? 900_000 : 120_000);

const writers = LOCAL_USERS.filter((u) => u.persona !== 'viewer');
const dataDir = mkdtempSync(join(tmpdir(), 'preflight-concurrency-'));
let site: LocalSite;

// The seed gives roles to the demo people only; here everyone but the viewer holds their persona's role.
const ROLE_OF: Record<LocalUser['persona'], string> = { 'release-owner': 'Administrators', developer: 'Developers', qa: 'QA', viewer: 'Viewers' };
const jira = seedJira({ issues: 150 });
for (const user of LOCAL_USERS) {
  const role = jira.roles.find((r) => r.name === ROLE_OF[user.persona])!;
  for (const project of jira.projects) {
    const actors = (role.actors[project.id] ??= []);
    if (!actors.includes(user.accountId)) actors.push(user.accountId);
  }
}
writeJsonAtomic(join(dataDir, 'jira.json'), jira);
const project = jira.projects.find((p) => p.key === 'PAY')!;
const version = jira.versions.find((v) => v.name === 'PAY 2.2')!;
const panel = { moduleKey: 'preflight-releases', extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } } };
const BUILD = 'rc-1';

async function invoke<T>(user: LocalUser, functionKey: string, payload: object, where: { moduleKey: string; extension: object } = panel): Promise<Envelope<T>> {
  const res = await fetch(`${site.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...where, functionKey, payload, accountId: user.accountId }),
  });
  const body = (await res.json()) as { result?: Envelope<T>; error?: string };
  if (!body.result) throw new Error(`POST /api/invoke ${functionKey}: ${res.status} ${body.error ?? ''}`);
  return body.result;
}
async function ok<T>(user: LocalUser, functionKey: string, payload: object, where?: { moduleKey: string; extension: object }): Promise<T> {
  const answer = await invoke<T>(user, functionKey, payload, where);
  if (!answer.ok) throw new Error(`${functionKey} as ${user.displayName}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const rita = writers[0]!;
const issueWhere = (issue: { id: string; key: string }) => ({
  moduleKey: 'preflight-qa',
  extension: { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key }, project: { id: project.id, key: project.key, type: 'software' } },
});
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** One change a person makes, built from the view they just read. */
type Change = { functionKey: string; payload: object; where?: { moduleKey: string; extension: object } };
function changeFor(user: LocalUser, n: number, view: ReleaseView, qaIssues: Array<{ id: string; key: string }>): Change {
  const write = { versionId: version.id, revision: view.revision };
  const manual = ['rollback-plan', 'stakeholders', 'environment', 'deploy-window'];
  const signAs = { 'release-owner': 'release-owner', developer: 'engineering-lead', qa: 'qa', viewer: 'qa' } as const;
  // A person toggles what their screen shows, so an accepted write always changes something.
  const gates = view.phases.flatMap((p) => p.gates);
  const ticked = (gateId: string) => gates.some((g) => g.gateId === gateId && g.ticked);
  switch (n % 3) {
    case 0: {
      const gateId = manual[n % manual.length]!;
      return { functionKey: PANEL_KEYS.tick, payload: { ...write, gateId, done: !ticked(gateId), link: `https://wiki.example.com/${user.persona}/${n}` } };
    }
    case 1:
      if (user.persona === 'qa') {
        const issue = qaIssues[n % qaIssues.length]!;
        return { functionKey: QA_KEYS.decide, payload: { versionId: version.id, build: BUILD, decision: n % 2 ? 'approved' : 'rejected', note: `${user.displayName} #${n}` }, where: issueWhere(issue) };
      }
      if (user.persona === 'developer') {
        const gateId = manual[(n + 1) % manual.length]!;
        return { functionKey: PANEL_KEYS.tick, payload: { ...write, gateId, done: !ticked(gateId), link: `https://ci.example.com/${n}` } };
      }
      // A phase change (release owners): the Deployment phase's planned window moves.
      return { functionKey: PANEL_KEYS.setDates, payload: { ...write, phaseId: 'deployment', plannedStart: day(20 + (n % 5)), plannedEnd: day(26 + (n % 5)) } };
    default: {
      const role = signAs[user.persona];
      const signed = gates.some((g) => g.gateId === 'go-no-go' && g.signatures?.some((s) => s.role === role));
      return { functionKey: PANEL_KEYS.signOff, payload: { ...write, gateId: 'go-no-go', role, signed: !signed } };
    }
  }
}

beforeAll(async () => {
  site = await createLocalSite({ dataDir, port: 0, log: () => undefined });
  // Serially first: the release reaches Release preparation with a build under test.
  let view = await ok<ReleaseView>(rita, PANEL_KEYS.get, { versionId: version.id });
  for (let i = 0; i < 2; i++) {
    view = await ok<ReleaseView>(rita, PANEL_KEYS.advance, { versionId: version.id, revision: view.revision, override: { reason: 'Concurrency test: straight to release preparation' } });
  }
  await ok<ReleaseView>(rita, PANEL_KEYS.setBuild, { versionId: version.id, revision: view.revision, buildId: BUILD });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it(`${writers.length} people making ${CHANGES_EACH} changes each at once: none lost, changes to different parts merge, every refusal is one sentence`, async () => {
  expect(writers).toHaveLength(10);
  const qaIssues: Array<{ id: string; key: string }> = [];
  for (const issue of jira.issues.filter((i) => i.fixVersionIds.includes(version.id)).slice(0, 30)) {
    const qa = await ok<IssueQaView>(writers.find((u) => u.persona === 'qa')!, QA_KEYS.issue, {}, issueWhere(issue));
    if (qa.needsQa) qaIssues.push({ id: issue.id, key: issue.key });
    if (qaIssues.length === 5) break;
  }
  expect(qaIssues.length).toBeGreaterThan(0);
  const start = await ok<ReleaseView>(rita, PANEL_KEYS.get, { versionId: version.id });

  type Outcome = { user: LocalUser; change: Change; sent?: number; answer: Envelope<unknown> };
  const outcomes: Outcome[] = await Promise.all(
    writers.flatMap((user) =>
      Array.from({ length: CHANGES_EACH }, async (_, n): Promise<Outcome> => {
        const seen = await ok<ReleaseView>(user, PANEL_KEYS.get, { versionId: version.id });
        const change = changeFor(user, n, seen, qaIssues);
        const answer = await invoke(user, change.functionKey, change.payload, change.where);
        return { user, change, sent: 'revision' in change.payload ? seen.revision : undefined, answer };
      }),
    ),
  );

  // Every refusal is the conflict, in one sentence: who changed the same part since (or, after
  // losing every retry to other saves, that too many people are saving at once).
  const refused = outcomes.filter((o) => !o.answer.ok);
  for (const o of refused) {
    expect(o.answer).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^(.+ at \d\d:\d\d UTC since you loaded this page|Several people are changing this release at this moment; try again in a moment)\.$/) },
    });
  }
  const accepted = outcomes.filter((o) => o.answer.ok);
  expect(accepted.length).toBeGreaterThan(0);

  // Each accepted panel write saved once and answers the revision it saved: no two may claim the same one.
  const panelAccepted = accepted.filter((o) => o.sent !== undefined);
  const panelRevisions = panelAccepted.map((o) => ({ revision: (o.answer as { data: ReleaseView }).data.revision, by: o.user.accountId }));
  expect(new Set(panelRevisions.map((r) => r.revision)).size).toBe(panelRevisions.length);
  // They really did collide: writes sent on a revision others had already moved past were merged, not refused.
  const merged = panelAccepted.filter((o) => (o.answer as { data: ReleaseView }).data.revision > o.sent! + 1).length;
  expect(merged).toBeGreaterThan(0);
  console.log(`${outcomes.length} changes at once: ${accepted.length} accepted (${merged} panel writes merged onto a newer revision), ${refused.length} refused as clashes`);
  const qaAccepted = accepted.filter((o) => o.change.functionKey === QA_KEYS.decide);

  // The record moved by exactly the accepted changes: panel writes plus QA decisions (each appends to the release).
  const end = await ok<ReleaseView>(rita, PANEL_KEYS.get, { versionId: version.id });
  expect(end.revision - start.revision).toBe(panelRevisions.length + qaAccepted.length);

  // The audit trail has each accepted change at its revision, by its author, and nothing else.
  const events: AuditEventView[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok<{ events: AuditEventView[]; nextCursor?: string }>(rita, PANEL_KEYS.audit, { versionId: version.id, ...(cursor && { cursor }) });
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  const revisionOf = (e: AuditEventView) => Number(/:(\d{9}):\d{2}$/.exec(e.id)?.[1]);
  const stormEvents = events.filter((e) => revisionOf(e) > start.revision);
  expect(new Set(stormEvents.map(revisionOf)).size).toBe(end.revision - start.revision);
  for (const { revision, by } of panelRevisions) {
    expect(stormEvents.filter((e) => revisionOf(e) === revision).map((e) => e.by.accountId)).toContain(by);
  }
  const qaAuthors = stormEvents.filter((e) => !panelRevisions.some((r) => r.revision === revisionOf(e))).map((e) => e.by.accountId);
  expect(qaAuthors.sort()).toEqual(qaAccepted.map((o) => o.user.accountId).sort());
});
