import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../local/persist/json-file';
import { seedJira } from '../../local/sim/seed/jira-seed';
import { LOCAL_USERS, type LocalUser } from '../../local/sim/users';
import { createLocalSite, type LocalSite } from '../../local/site/compose';
import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type AuditEventView, type GateView, type ReleaseView } from '../../src/shared/release-panel';

/**
 * Merge versus clash, through the local site's `POST /api/invoke` (real HTTP, the bundled resolver,
 * the local KVS on disk): people who change different parts of one release at the same moment all
 * succeed, each change re-applied on the revision the others left; people who change the same part
 * are told, in one sentence naming who did what, and exactly one of them wins.
 */
jest.setTimeout(120_000);

const writers = LOCAL_USERS.filter((u) => u.persona !== 'viewer');
const dataDir = mkdtempSync(join(tmpdir(), 'preflight-merge-'));
let site: LocalSite;

// The seed gives roles to the demo people only; here everyone but the viewer holds their persona's role.
const ROLE_OF: Record<LocalUser['persona'], string> = { 'release-owner': 'Administrators', developer: 'Developers', qa: 'QA', viewer: 'Viewers' };
const jira = seedJira({ issues: 60 });
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
const rita = writers[0]!;
const ONE_SENTENCE = / since you loaded this page\.$/;

async function invoke<T>(user: LocalUser, functionKey: string, payload: object): Promise<Envelope<T>> {
  const res = await fetch(`${site.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...panel, functionKey, payload, accountId: user.accountId }),
  });
  const body = (await res.json()) as { result?: Envelope<T>; error?: string };
  if (!body.result) throw new Error(`POST /api/invoke ${functionKey}: ${res.status} ${body.error ?? ''}`);
  return body.result;
}
async function ok<T>(user: LocalUser, functionKey: string, payload: object): Promise<T> {
  const answer = await invoke<T>(user, functionKey, payload);
  if (!answer.ok) throw new Error(`${functionKey} as ${user.displayName}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
const read = (user: LocalUser = rita) => ok<ReleaseView>(user, PANEL_KEYS.get, { versionId: version.id });
const manualGates = (view: ReleaseView): GateView[] => view.phases.flatMap((p) => p.gates).filter((g) => g.kind === 'manual');
const tickPayload = (gate: GateView, revision: number, done = true) => ({
  versionId: version.id,
  revision,
  gateId: gate.gateId,
  done,
  ...(gate.requiresLink && { link: `https://wiki.example.com/${gate.gateId}` }),
});

/** The audit events saved after `revision`, oldest first, with the revision each was saved at. */
async function eventsAfter(revision: number): Promise<Array<AuditEventView & { revision: number }>> {
  const events: AuditEventView[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok<{ events: AuditEventView[]; nextCursor?: string }>(rita, PANEL_KEYS.audit, { versionId: version.id, ...(cursor && { cursor }) });
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events
    .map((e) => ({ ...e, revision: Number(/:(\d{9}):\d{2}$/.exec(e.id)?.[1]) }))
    .filter((e) => e.revision > revision)
    .reverse();
}

beforeAll(async () => {
  site = await createLocalSite({ dataDir, port: 0, log: () => undefined });
  // Tracked and saved once, so every write below starts from a stored revision.
  const view = await read();
  await ok<ReleaseView>(rita, PANEL_KEYS.setAnnouncement, { versionId: version.id, revision: view.revision, announcementDate: '2027-01-15' });
});

afterAll(async () => {
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('10 people ticking 10 different checklist items at once: all 10 accepted, the revision moves by 10, 10 audit events by their authors', async () => {
  expect(writers).toHaveLength(10);
  const start = await read();
  const gates = manualGates(start).filter((g) => !g.ticked).slice(0, 10);
  expect(gates).toHaveLength(10);

  // Everyone has the same revision on screen, and everyone clicks at once.
  const seen = await Promise.all(writers.map((user) => read(user)));
  expect(new Set(seen.map((v) => v.revision))).toEqual(new Set([start.revision]));
  const answers = await Promise.all(writers.map((user, i) => invoke<ReleaseView>(user, PANEL_KEYS.tick, tickPayload(gates[i]!, start.revision))));

  expect(answers.filter((a) => !a.ok)).toEqual([]);
  const end = await read();
  expect(end.revision - start.revision).toBe(10);
  // Each tick stands, by the person who made it.
  const byId = new Map(manualGates(end).map((g) => [g.gateId, g]));
  expect(gates.map((g) => byId.get(g.gateId)?.ticked?.by.accountId)).toEqual(writers.map((u) => u.accountId));

  const events = await eventsAfter(start.revision);
  expect(events).toHaveLength(10);
  expect(new Set(events.map((e) => e.revision)).size).toBe(10);
  expect(events.every((e) => e.type === 'checklist-ticked')).toBe(true);
  expect(events.map((e) => `${e.by.accountId} ${e.summary.replace(/ \(https?:.*\)$/, '')}`).sort()).toEqual(
    gates.map((g, i) => `${writers[i]!.accountId} Ticked "${g.name}"`).sort(),
  );
});

it('two people ticking the same item at once: exactly one wins, the other is told who ticked it in one sentence', async () => {
  const start = await read();
  const gate = manualGates(start).find((g) => !g.ticked)!;
  expect(gate).toBeDefined();
  const [first, second] = [writers[1]!, writers[2]!];

  const answers = await Promise.all([first, second].map((user) => invoke<ReleaseView>(user, PANEL_KEYS.tick, tickPayload(gate, start.revision))));

  const won = answers.filter((a) => a.ok);
  const lost = answers.filter((a): a is Extract<Envelope<ReleaseView>, { ok: false }> => !a.ok);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const winner = answers[0]!.ok ? first : second;
  const at = (await eventsAfter(start.revision))[0]!.at;
  expect(lost[0]!.error).toEqual({
    code: 'CONFLICT',
    message: `${winner.displayName} ticked "${gate.name}" at ${at.slice(11, 16)} UTC since you loaded this page.`,
  });

  const end = await read();
  expect(end.revision - start.revision).toBe(1);
  expect(manualGates(end).find((g) => g.gateId === gate.gateId)?.ticked?.by.accountId).toBe(winner.accountId);
  expect((await eventsAfter(start.revision)).map((e) => e.by.accountId)).toEqual([winner.accountId]);
});

it('advancing on a screen older than a change is refused, naming that change, and nothing moves', async () => {
  const start = await read();
  const gate = manualGates(start).find((g) => g.ticked)!;
  // Someone un-ticks an item after Rita's screen loaded: the go/no-go she saw no longer holds.
  await ok<ReleaseView>(writers[3]!, PANEL_KEYS.tick, tickPayload(gate, start.revision, false));

  const answer = await invoke<ReleaseView>(rita, PANEL_KEYS.advance, { versionId: version.id, revision: start.revision, override: { reason: 'Merge test: advancing on an old screen' } });

  expect(answer).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(new RegExp(`^${writers[3]!.displayName} unticked "${gate.name}" at \\d\\d:\\d\\d UTC`)) } });
  expect(!answer.ok && answer.error.message).toMatch(ONE_SENTENCE);
  const end = await read();
  expect(end.currentPhaseId).toBe(start.currentPhaseId);
  expect(end.revision - start.revision).toBe(1);
});

it('a stale screen changing something nobody touched since is re-applied: a different role signs while another role signed', async () => {
  const start = await read();
  const signoff = start.phases.flatMap((p) => p.gates).find((g) => g.kind === 'signoff' && (g.roles?.length ?? 0) >= 2)!;
  const [roleA, roleB] = [signoff.roles![0]!, signoff.roles![1]!];
  const persona = { 'release-owner': 'release-owner', 'engineering-lead': 'developer', qa: 'qa' } as const;
  const signerA = writers.find((u) => u.persona === persona[roleA])!;
  const signerB = writers.find((u) => u.persona === persona[roleB])!;

  await ok<ReleaseView>(signerA, PANEL_KEYS.signOff, { versionId: version.id, revision: start.revision, gateId: signoff.gateId, role: roleA, signed: true });
  // B's screen is one revision behind: A's sign-off is another role's, so B's is merged.
  const merged = await ok<ReleaseView>(signerB, PANEL_KEYS.signOff, { versionId: version.id, revision: start.revision, gateId: signoff.gateId, role: roleB, signed: true });
  expect(merged.revision - start.revision).toBe(2);
  const signatures = merged.phases.flatMap((p) => p.gates).find((g) => g.gateId === signoff.gateId)!.signatures!;
  expect(signatures.map((s) => `${s.role} ${s.by.accountId}`).sort()).toEqual([`${roleA} ${signerA.accountId}`, `${roleB} ${signerB.accountId}`].sort());

  // Withdrawing A's role from a screen older than A's sign-off is a clash on the same role.
  const clash = await invoke<ReleaseView>(signerA, PANEL_KEYS.signOff, { versionId: version.id, revision: start.revision, gateId: signoff.gateId, role: roleA, signed: false });
  expect(clash).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(ONE_SENTENCE) } });
  expect(!clash.ok && clash.error.message).toMatch(/^You signed off ".+" as .+ in another tab or window at \d\d:\d\d UTC since/);
});

it('a revision from the future (never saved) is refused: nothing to merge with, nothing changes', async () => {
  const start = await read();
  const gate = manualGates(start).find((g) => !g.ticked)!;
  const answer = await invoke<ReleaseView>(rita, PANEL_KEYS.tick, tickPayload(gate, start.revision + 5));
  expect(answer).toEqual({ ok: false, error: { code: 'CONFLICT', message: `Your page shows revision ${start.revision + 5} of this release, but only ${start.revision} were ever saved; reload to see it as it is.` } });
  expect((await read()).revision).toBe(start.revision);
});
