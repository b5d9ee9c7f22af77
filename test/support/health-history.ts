import type { JiraState } from '../../local/sim/jira/types';
import { runAs } from '../../local/runtime';
import { kvsIncidentStore } from '../../src/adapters/kvs-incidents';
import { kvsReleaseStore } from '../../src/adapters/kvs-release-store';
import { startRelease, type AuditEventDraft, type ReleaseRecord } from '../../src/domain/release';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';

/**
 * A release history for the release-health test and bench: `count` released PAY versions
 * ("PAY past-<i>", one every 9 days back from 12 days ago), all tracked in Preflight with varied
 * outcomes: every third late, every fourth with an override, every fifth released outside
 * Preflight, QA rejections, scope added after the freeze, production deployments and incidents.
 * Records and incidents are stored through the app's own KVS adapters, as the app stores them.
 */
const DAY = 86_400_000;
const OWNER = '712020:0f1e2d3c-release-owner';
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addReleasedVersions(jira: JiraState, now: Date, count: number): void {
  const pay = jira.projects.find((p) => p.key === 'PAY')!;
  let sequence = Math.min(...jira.versions.filter((v) => v.projectId === pay.id).map((v) => v.sequence)) - count;
  for (let i = 0; i < count; i++) {
    jira.versions.push({
      id: String(jira.counters.versionId++),
      projectId: pay.id,
      name: `PAY past-${i}`,
      description: 'A past release (release health history).',
      startDate: null,
      releaseDate: day(now.getTime() - (12 + 9 * (count - 1 - i)) * DAY),
      released: true,
      archived: false,
      sequence: sequence++,
      driverAccountId: null,
      relatedWork: [],
    });
  }
}

/** Stores a record (with its audit events) and incidents for each "PAY past-<i>" version. */
export async function storeReleaseHistory(jira: JiraState): Promise<void> {
  const versions = jira.versions.filter((v) => /^PAY past-\d+$/.test(v.name));
  await runAs(null, async () => {
    for (const [n, v] of versions.entries()) {
      const released = Date.parse(`${v.releaseDate}T10:00:00.000Z`);
      const at = (offsetDays: number) => new Date(released + offsetDays * DAY).toISOString();
      const late = n % 3 === 0 ? 3 : 0;
      const record: ReleaseRecord = {
        ...startRelease({ versionId: v.id, projectKey: 'PAY', releaseType: 'minor', phases: DEFAULT_TEMPLATE.minor, at: at(-30) }),
        // Planned to ship `late` days before it did (0: on the day; every seventh has no plan).
        phaseDates: n % 7 === 6 ? {} : { deployment: { plannedEnd: day(released - late * DAY) } },
        jiraRelease: { by: OWNER, at: at(0), releaseDate: v.releaseDate!, via: 'preflight' },
        ...(n % 6 !== 5 && { frozenAt: at(-10 - (n % 4)), frozenIssueCount: 10 + n }),
        ...(n % 2 === 1 && n % 6 !== 5 && { scopeAdditions: { [`9${n}01`]: { issueKey: `PAY-9${n}1`, by: OWNER, at: at(-5), changelogId: `h${n}` } } }),
        ...(n % 4 === 0 && { scopeDecisions: { [`PAY-9${n}2`]: { issueKey: `PAY-9${n}2`, decision: 'removed' as const, by: OWNER, at: at(-4) } } }),
        ...(n % 5 === 2 && { releasedOutside: { by: OWNER, at: at(0), releaseDate: v.releaseDate!, fromPhaseId: 'release-prep', toPhaseId: 'post-release', failingGates: ['go-no-go'] } }),
        ...(n % 8 !== 7 && { deployments: { production: { kind: 'production' as const, build: `0.${n}.0`, status: 'successful' as const, at: at(n % 3 === 1 ? 1 : 0.25) } } }),
        transitions: n % 4 === 1 ? [{ from: 'build-test', to: 'release-prep', by: OWNER, at: at(-3), snapshot: [], override: { reason: 'Regression suite flaky, accepted', failingGateIds: ['regression'] } }] : [],
      };
      const events: AuditEventDraft[] = Array.from({ length: n % 3 }, (_, k) => ({
        type: 'qa-decision',
        by: OWNER,
        at: at(-6 + k),
        summary: `QA rejected build 0.${n}.0 for PAY-8${k}`,
        data: { kind: 'qa-decision', decision: 'rejected', issueKey: `PAY-8${k}`, build: `0.${n}.0` },
      }));
      events.push({ type: 'qa-decision', by: OWNER, at: at(-2), summary: 'QA approved', data: { kind: 'qa-decision', decision: 'approved', issueKey: 'PAY-79', build: `0.${n}.0` } });
      await kvsReleaseStore().save(record, undefined, events);
      if (n % 3 === 2) {
        await kvsIncidentStore().save({
          key: `PAY:datadog:h${n}`, projectKey: 'PAY', versionId: v.id, tool: 'datadog', alertId: `h${n}`, severity: 2, title: `Error rate after 0.${n}`,
          startedAt: at(1), ...(n % 2 === 0 && { resolvedAt: at(1 + (30 + n) / 1440) }), updatedAt: at(1), notifications: 1,
        });
      }
    }
  });
}
