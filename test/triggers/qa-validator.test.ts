import type { Envelope } from '../../src/shared/envelope';
import { PANEL_KEYS, type ReleaseView } from '../../src/shared/release-panel';
import { QA_KEYS, type DecideQaResult } from '../../src/shared/qa';
import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import { ISSUE_TYPES, STATUSES } from '../../local/sim/jira/catalog';
import type { JiraIssue } from '../../local/sim/jira';

/**
 * The workflow rule "no Done without QA approval" as Jira runs it: the simulated Jira calls the
 * app's jira:workflowValidator function (from the Forge bundle, as the app, under its time limit)
 * on POST /rest/api/3/issue/{key}/transitions, before it changes anything. The seed puts the
 * validator on PAY's transition into Done; MOB has none.
 */
const site = createEmulatedSite({ issues: 200 });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const version = (name: string) => site.jira.versions.find((v) => v.name === name)!;
const typeName = (issue: JiraIssue) => ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)?.name ?? '';
const statusName = (issue: JiraIssue) => STATUSES.find((s) => s.id === issue.statusId)?.name;
const notDone = (versionName: string, types: string[]) =>
  site.jira.issues.filter((i) => i.fixVersionIds.includes(version(versionName).id) && types.includes(typeName(i)) && statusName(i) !== 'Done' && i.fixVersionIds.length === 1);

function data<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}
const onPanel = <T>(as: Persona, project: string, functionKey: string, payload: unknown) =>
  site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-releases', extension: projectPageExtension(site, project) });
async function setBuild(project: string, versionName: string, buildId: string): Promise<void> {
  const v = data(await onPanel<ReleaseView>('release-owner', project, PANEL_KEYS.get, { versionId: version(versionName).id }));
  data(await onPanel<ReleaseView>('release-owner', project, PANEL_KEYS.setBuild, { versionId: v.version.id, revision: v.revision, buildId }));
}
function decide(issue: JiraIssue, versionName: string, build: string, decision: 'approved' | 'rejected', note = '') {
  const project = site.jira.projects.find((p) => p.id === issue.projectId)!;
  return site.invoke<Envelope<DecideQaResult>>({
    as: 'qa',
    functionKey: QA_KEYS.decide,
    payload: { versionId: version(versionName).id, build, decision, note },
    moduleKey: 'preflight-qa',
    extension: {
      type: 'jira:issueContext',
      issue: { id: issue.id, key: issue.key, type: typeName(issue), typeId: issue.issueTypeId },
      project: { id: project.id, key: project.key, type: 'software' },
    },
  });
}

/** Moves an issue as a developer would in Jira: the transition into `to`, by its id from GET transitions. */
async function moveTo(issue: JiraIssue, to: string): Promise<{ status: number; body?: unknown }> {
  const listed = await site.jiraRest('developer', 'GET', `/rest/api/3/issue/${issue.key}/transitions`);
  const transition = (listed.body as { transitions: Array<{ id: string; to: { name: string } }> }).transitions.find((t) => t.to.name === to)!;
  return site.jiraRest('developer', 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: transition.id } });
}

afterEach(() => expect(site.violations).toEqual([]));

it('the seed puts the Preflight validator on the transition into Done of PAY only', () => {
  const pay = site.jira.projects.find((p) => p.key === 'PAY')!;
  expect(site.jira.workflowRules).toEqual([expect.objectContaining({ projectId: pay.id, toStatusId: '10002', moduleKey: 'preflight-qa-validator' })]);
});

it('lets an issue into Done while its release has no build under test', async () => {
  const issue = notDone('PAY 2.2', ['Story', 'Bug'])[0]!;
  expect(await moveTo(issue, 'Done')).toEqual({ status: 204 });
  expect(statusName(issue)).toBe('Done');
});

describe('a release under QA', () => {
  let story: JiraIssue;
  let rejected: JiraIssue;
  beforeAll(async () => {
    await setBuild('PAY', 'PAY 2.2', '2.2.0-rc1');
    [story, rejected] = notDone('PAY 2.2', ['Story', 'Bug']) as [JiraIssue, JiraIssue];
  });

  it('refuses Done without QA approval of the build under test, naming the build and who approves it, and changes nothing', async () => {
    const before = { status: story.statusId, changelog: story.changelog.length, updated: story.updated };
    const answer = await moveTo(story, 'Done');
    expect(answer).toMatchObject({
      status: 400,
      body: {
        errorMessages: [
          `${story.key} cannot move to Done: QA has not approved build 2.2.0-rc1 (PAY 2.2) yet. A QA lead (Jira project role QA in PAY) approves the build in the issue's Preflight QA panel.`,
        ],
        errors: {},
      },
    });
    expect({ status: story.statusId, changelog: story.changelog.length, updated: story.updated }).toEqual(before);
    // Other transitions carry no validator.
    expect(await moveTo(story, 'In Review')).toEqual({ status: 204 });
  });

  it('says so when QA rejected the build', async () => {
    data(await decide(rejected, 'PAY 2.2', '2.2.0-rc1', 'rejected', 'Refund total is wrong'));
    const answer = await moveTo(rejected, 'Done');
    expect(answer.status).toBe(400);
    expect((answer.body as { errorMessages: string[] }).errorMessages[0]).toBe(
      `${rejected.key} cannot move to Done: QA rejected build 2.2.0-rc1 (PAY 2.2). A QA lead (Jira project role QA in PAY) approves the build in the issue's Preflight QA panel.`,
    );
    expect(statusName(rejected)).not.toBe('Done');
  });

  it('allows the same transition once QA approved the build', async () => {
    data(await decide(story, 'PAY 2.2', '2.2.0-rc1', 'approved'));
    expect(await moveTo(story, 'Done')).toEqual({ status: 204 });
    expect(statusName(story)).toBe('Done');
  });

  it('refuses again for a new build under test until QA approves that one', async () => {
    await setBuild('PAY', 'PAY 2.2', '2.2.0-rc2');
    const answer = await moveTo(rejected, 'Done');
    expect((answer.body as { errorMessages: string[] }).errorMessages[0]).toContain('QA has not approved build 2.2.0-rc2 (PAY 2.2) yet.');
    data(await decide(rejected, 'PAY 2.2', '2.2.0-rc2', 'approved'));
    expect(await moveTo(rejected, 'Done')).toEqual({ status: 204 });
  });

  it('lets an issue of a type that needs no QA into Done', async () => {
    const task = notDone('PAY 2.2', ['Task'])[0]!;
    expect(await moveTo(task, 'Done')).toEqual({ status: 204 });
    expect(statusName(task)).toBe('Done');
  });

  it('lets an issue in no release under QA into Done', async () => {
    const future = notDone('PAY 3.0', ['Story', 'Bug'])[0]!;
    expect(await moveTo(future, 'Done')).toEqual({ status: 204 });
  });
});

it('lets issues into Done in a project whose workflow has no Preflight validator, even under QA', async () => {
  const mobVersion = site.jira.versions.find((v) => v.projectId === site.jira.projects.find((p) => p.key === 'MOB')!.id && !v.released && v.startDate !== null)!;
  await setBuild('MOB', mobVersion.name, '5.0.0-beta1');
  const issue = notDone(mobVersion.name, ['Story', 'Bug'])[0]!;
  expect(await moveTo(issue, 'Done')).toEqual({ status: 204 });
});

it('refuses, naming the field, when what Jira sent the validator cannot be read', async () => {
  const validate = site.handler('qa-validator');
  expect(await validate({ issue: { key: 'PAY-1' }, transition: { from: { id: '3' } } }, {})).toEqual({
    result: false,
    errorMessage:
      'Preflight could not read what Jira sent its QA validator (transition.to: Invalid input: expected object, received undefined), so the move is refused. A Jira admin can remove the "Preflight: QA approval before Done" validator from the transition.',
  });
});
