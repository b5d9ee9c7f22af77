import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type ReleaseNotesView } from '../../src/shared/macros';
import { QA_KEYS, type IssueReleaseNoteView } from '../../src/shared/qa';
import { createEmulatedSite } from '../../local/emulated-site';
import { ISSUE_TYPES } from '../../local/sim/jira/catalog';

/**
 * The issue module's release-note editor as Forge runs it: the property is read and written as
 * the person through the real @forge/api, over the simulated Jira (which checks edit rights).
 */
const site = createEmulatedSite({ issues: 200 });
type Persona = 'release-owner' | 'developer' | 'qa' | 'viewer';
const VERSION = () => site.jira.versions.find((v) => v.name === 'PAY 2.2')!;
const typeName = (id: string) => ISSUE_TYPES.find((t) => t.id === id)?.name ?? '';
const DONE = '10002';
// Done stories of the release without the "internal" label: the customer notes list them.
const doneStories = () =>
  site.jira.issues.filter((i) => i.fixVersionIds.includes(VERSION().id) && typeName(i.issueTypeId) === 'Story' && i.statusId === DONE && !i.labels.some((l) => l.toLowerCase() === 'internal'));

function issueExtension(issue: { id: string; key: string; issueTypeId: string }) {
  const project = site.jira.projects.find((p) => p.key === 'PAY')!;
  return { type: 'jira:issueContext', issue: { id: issue.id, key: issue.key, type: typeName(issue.issueTypeId), typeId: issue.issueTypeId }, project: { id: project.id, key: project.key, type: 'software' } };
}
const onIssue = <T,>(as: Persona, issue: (typeof site.jira.issues)[number], functionKey: string, payload: unknown = {}) =>
  site.invoke<Envelope<T>>({ as, functionKey, payload, moduleKey: 'preflight-qa', extension: issueExtension(issue) });
function data<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}
const property = async (issueId: string) => (await site.jiraRest('release-owner', 'GET', `/rest/api/3/issue/${issueId}/properties/preflight-notes`)).body as { value?: unknown } | undefined;
const customerNotes = async () => {
  const extension = { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config: { projectKey: 'PAY', versionId: VERSION().id } };
  const answer = await site.invoke<Envelope<ReleaseNotesView>>({ as: 'viewer', functionKey: MACRO_KEYS.releaseNotes, payload: { config: extension.config }, moduleKey: MACRO_MODULES.releaseNotes, extension });
  return data(answer).groups.flatMap((g) => g.entries);
};

afterEach(() => expect(site.violations).toEqual([]));

describe('the release note of an issue', () => {
  it('is saved by QA as their own text, in the property the release notes read', async () => {
    const issue = doneStories()[0]!;
    const before = data(await onIssue<IssueReleaseNoteView>('qa', issue, QA_KEYS.releaseNote));
    expect(before).toEqual({ issue: { id: issue.id, key: issue.key }, text: '', internal: false, me: { canEdit: true } });

    const saved = data(await onIssue<IssueReleaseNoteView>('qa', issue, QA_KEYS.saveReleaseNote, { text: '  Card payments now retry once\r\nbefore failing.  ', internal: false }));
    expect(saved).toMatchObject({ text: 'Card payments now retry once\nbefore failing.', internal: false, me: { canEdit: true } });
    expect((await property(issue.id))?.value).toEqual({ text: 'Card payments now retry once\nbefore failing.', internal: false });
    const entry = (await customerNotes()).find((e) => e.issueKey === issue.key);
    expect(entry?.text).toBe('Card payments now retry once\nbefore failing.');
  });

  it('is marked internal by the release owner, which leaves the issue out of customer notes and keeps other keys of the property', async () => {
    const issue = doneStories()[1]!;
    expect((await site.jiraRest('release-owner', 'PUT', `/rest/api/3/issue/${issue.id}/properties/preflight-notes`, { text: 'Old text', audit: 'kept' })).status).toBeLessThan(300);
    expect((await customerNotes()).some((e) => e.issueKey === issue.key)).toBe(true);
    const saved = data(await onIssue<IssueReleaseNoteView>('release-owner', issue, QA_KEYS.saveReleaseNote, { text: '', internal: true }));
    expect(saved).toMatchObject({ text: '', internal: true });
    expect((await property(issue.id))?.value).toEqual({ audit: 'kept', internal: true });
    expect((await customerNotes()).some((e) => e.issueKey === issue.key)).toBe(false);
  });

  it('is shown read-only to a viewer, with the reason, and their save is refused with nothing written', async () => {
    const issue = doneStories()[0]!;
    const seen = data(await onIssue<IssueReleaseNoteView>('viewer', issue, QA_KEYS.releaseNote));
    expect(seen).toMatchObject({ text: 'Card payments now retry once\nbefore failing.', internal: false, me: { canEdit: false, readOnlyReason: expect.stringMatching(/^Only people with a Preflight role in PAY/) } });
    const refused = await onIssue('viewer', issue, QA_KEYS.saveReleaseNote, { text: 'Vandalised', internal: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await property(issue.id))?.value).toEqual({ text: 'Card payments now retry once\nbefore failing.', internal: false });
  });

  it('refuses a text over 2,000 characters, naming the field', async () => {
    const answer = await onIssue('developer', doneStories()[2]!, QA_KEYS.saveReleaseNote, { text: 'x'.repeat(2001), internal: false });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ field: 'text', message: 'expected a release note of at most 2,000 characters' }] } });
  });
});
