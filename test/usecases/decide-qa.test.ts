import { defaultSettings } from '../../src/domain/settings';
import { startRelease, type AuditEventDraft, type ReleaseRecord } from '../../src/domain/release';
import type { QaEntry, QaPropertyValue, QaRecord } from '../../src/domain/qa';
import { ConflictError } from '../../src/errors';
import type { QaIssue, ReleaseAppend } from '../../src/ports';
import { decideQa, QA_SAVE_ATTEMPTS } from '../../src/usecases/decide-qa';
import type { QaDeps } from '../../src/usecases/get-issue-qa';

/**
 * A QA decision must not fail because someone changed the release meanwhile (ticked a checklist
 * item): the use case retries its compare-and-swap on fresh reads, a bounded number of times.
 * Plain fakes here make the interleaving deterministic.
 */
const AT = '2026-05-04T10:00:00.000Z';
const settings = defaultSettings([{ id: '10002', name: 'QA' }]);
const issue: QaIssue = { id: '101', key: 'PAY-1', projectKey: 'PAY', issueType: 'Story', fixVersions: [{ id: '10004', name: 'PAY 2.2', released: false }] };

function fakeDeps(conflicts: number) {
  let release: ReleaseRecord = {
    ...startRelease({ versionId: '10004', projectKey: 'PAY', releaseType: 'minor', phases: settings.template.minor, at: AT }),
    buildUnderTest: { id: '2.2.0-rc1', by: 'rita', at: AT },
    revision: 3,
  };
  let qa: QaRecord | undefined;
  const saved: Array<{ entry: QaEntry; releases: ReleaseAppend[] }> = [];
  const properties: QaPropertyValue[] = [];
  let remainingConflicts = conflicts;
  const deps = {
    clock: { now: () => new Date(AT) },
    access: { rolesOf: async () => ['qa' as const], projectRoles: async () => [], isProjectAdmin: async () => false },
    settings: { get: async () => ({ settings, revision: 1 }), save: async () => 1 },
    people: { names: async () => new Map([['quinn', 'Quinn Adams']]) },
    store: { get: async (id: string) => (id === release.versionId ? release : undefined) },
    qaChecks: {
      jira: {
        issues: async () => [issue],
        readProperty: async () => properties.at(-1),
        writeProperty: async (_id: string, value: QaPropertyValue) => void properties.push(value),
        propertyApproved: async () => [],
        inScope: async () => [],
      },
      store: {
        get: async () => qa,
        history: async () => saved.map((s) => s.entry).reverse(),
        approvedFor: async () => [],
        saveDecision: async (record: QaRecord, entry: QaEntry, releases: ReleaseAppend[]) => {
          if (remainingConflicts > 0) {
            remainingConflicts--;
            // Someone ticked a checklist item first: the release moved on one revision.
            release = { ...release, revision: release.revision + 1 };
            throw new ConflictError();
          }
          if (releases.some((r) => r.expectedRevision !== release.revision)) throw new ConflictError();
          qa = record;
          release = { ...release, revision: release.revision + 1 };
          saved.push({ entry, releases });
        },
      },
    },
  } as unknown as QaDeps;
  return { deps, saved, properties, release: () => release };
}

const actor = { accountId: 'quinn', issue: { id: '101', key: 'PAY-1' }, project: { id: '10000', key: 'PAY' } };
const input = { versionId: '10004', build: '2.2.0-rc1', decision: 'approved' as const, note: ' Looks good ' };

describe('a QA decision while the release changes', () => {
  it('retries on a conflict and saves once, on the fresh revision, with its audit event', async () => {
    const fake = fakeDeps(2);
    const result = await decideQa(fake.deps, actor, input);
    expect(fake.saved).toHaveLength(1);
    const append = fake.saved[0]!.releases[0]!;
    expect(append.expectedRevision).toBe(5);
    expect(append.events).toEqual<AuditEventDraft[]>([
      { type: 'qa-decision', by: 'quinn', at: AT, summary: 'QA approved build 2.2.0-rc1 on PAY-1', text: { id: 'audit.qaApproved', values: { build: '2.2.0-rc1', issue: 'PAY-1' } }, data: { kind: 'qa-decision', issueKey: 'PAY-1', build: '2.2.0-rc1', decision: 'approved' } },
    ]);
    expect(fake.properties).toEqual([{ status: 'approved', build: '2.2.0-rc1', by: 'quinn', at: AT }]);
    expect(result.view.latest).toMatchObject({ status: 'approved', note: 'Looks good', by: { displayName: 'Quinn Adams' } });
    expect(result.view.mirror.state).toBe('in-sync');
  });

  it('gives up with "changed by someone else" after a bounded number of attempts, having saved nothing', async () => {
    const fake = fakeDeps(QA_SAVE_ATTEMPTS);
    await expect(decideQa(fake.deps, actor, input)).rejects.toBeInstanceOf(ConflictError);
    expect(fake.saved).toEqual([]);
    expect(fake.properties).toEqual([]);
  });

  it('keeps the decision when the property cannot be written, and says so', async () => {
    const fake = fakeDeps(0);
    fake.deps.qaChecks.jira.writeProperty = async () => {
      throw new Error('Jira is down');
    };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await decideQa(fake.deps, actor, input);
    warn.mockRestore();
    expect(fake.saved).toHaveLength(1);
    expect(result.mirrorWarning).toMatch(/saved in Preflight, but Jira's issue property could not be updated/);
    expect(result.view.mirror.state).toBe('missing');
  });
});
