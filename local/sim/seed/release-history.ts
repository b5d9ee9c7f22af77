import type { LocalKvs } from '../../kvs';
import type { JiraState, JiraVersion } from '../jira/types';
import { LOCAL_USERS } from '../users';
import { createRng, type Rng } from './prng';
import {
  advancePhase,
  currentPhase,
  decideScopeChange,
  recordVersionReleased,
  setBuildUnderTest,
  setPhaseDates,
  signOff,
  releaseStartedLine,
  startRelease,
  tickChecklistItem,
  type AuditEventDraft,
  type Change,
  type ReleaseRecord,
} from '../../../src/domain/release';
import { auditLine } from '../../../src/domain/audit-line';
import { recordDeployment } from '../../../src/domain/deployment-events';
import type { ReportedDeployment } from '../../../src/domain/deployments';
import { evaluateGate, type GateResult, type ReleaseFacts } from '../../../src/domain/gates';
import { MONITORING_TOOL_LABELS, type Incident, type MonitoringTool } from '../../../src/domain/incidents';
import { recordReleasedInJira, recordScopeAddition } from '../../../src/domain/jira-events';
import { ANYTHING, stampTouches } from '../../../src/domain/merge';
import { qaAuditEvent } from '../../../src/domain/qa';
import { DEFAULT_TEMPLATE, type PreflightRole, type ReleaseType } from '../../../src/domain/template';
import { CI_REPORTER } from '../../../src/usecases/record-deployment';
import { incidentKey } from '../../../src/usecases/record-alert';

/**
 * The past releases of PAY and MOB as Preflight would have stored them had it managed them: one
 * `release` record per past version (phases left with their gate snapshots, freeze, scope added
 * after it and decided, QA decisions, deployments, the Jira release, overrides), its `audit-event`
 * items, its `release-summary` for the releases list, and the `incident` items of its bedding-in.
 * Every change is made by the app's own domain functions (src/domain), so the records are in the
 * app's storage format by construction; what is assumed is only the story (who did what, when).
 * Dates come from the Jira versions (start and actual release day), so the history follows the
 * Jira seed wherever its `now` put it. Deterministic: the same Jira state gives the same items.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The default settings' bedding-in (defaultSettings): incidents are seeded inside it. */
const BEDDING_IN_DAYS = 7;

interface IncidentPlan {
  tool: MonitoringTool;
  severity: 1 | 2 | 3 | 4;
  title: string;
  /** Hours after the production deployment it started. */
  afterHours: number;
  /** Minutes until it was resolved: the time to restore. */
  restoreMinutes: number;
}

/** What happened to one past release. Everything not named went to plan. */
interface Outcome {
  type: ReleaseType;
  /** Days the release shipped after its planned date (negative: early). */
  slip: number;
  /** Issues in the version when scope froze. */
  frozenIssues: number;
  /** Issues added after the freeze, and what the release owner decided (pending: nobody did). */
  scope?: Array<'accepted' | 'removed' | 'pending'>;
  /** QA rejections of a release candidate (each followed by a new build). */
  qaRejections?: number;
  /** Gates that were not met when their phase was left (by phase id): the release owner overrode them. */
  unmet?: Record<string, string[]>;
  /** How production went: a successful deployment (default), a failed one retried, or none reported. */
  production?: 'successful' | 'failed-then-successful' | 'none';
  /** Released in Jira while Release preparation's go/no-go still waited. */
  releasedOutside?: boolean;
  incidents?: IncidentPlan[];
  /** Still in Post-release review: nobody completed it. */
  open?: boolean;
}

/** The history, by Jira version name (the versions are in jira-seed.ts, HISTORY_VERSIONS and the first released ones). */
export const HISTORY_OUTCOMES: Record<string, Outcome> = {
  'PAY 0.9': { type: 'major', slip: 2, frozenIssues: 18, scope: ['accepted'], qaRejections: 1 },
  'PAY 1.1': { type: 'minor', slip: 0, frozenIssues: 12 },
  'PAY 1.2': { type: 'minor', slip: 3, frozenIssues: 15, scope: ['accepted', 'removed'], qaRejections: 1 },
  'PAY 1.3': {
    type: 'minor',
    slip: 16,
    frozenIssues: 21,
    scope: ['accepted', 'accepted', 'removed', 'pending'],
    qaRejections: 2,
    unmet: { 'build-test': ['all-done', 'scope-resolved'] },
    incidents: [{ tool: 'datadog', severity: 2, title: 'Webhook delivery latency p99 above 5 s', afterHours: 20, restoreMinutes: 190 }],
  },
  'PAY 1.3.1': {
    type: 'hotfix',
    slip: 0,
    frozenIssues: 2,
    production: 'failed-then-successful',
    incidents: [{ tool: 'sentry', severity: 3, title: 'IdempotencyError in webhook retries', afterHours: 30, restoreMinutes: 45 }],
  },
  'PAY 1.4': { type: 'minor', slip: 1, frozenIssues: 16, scope: ['accepted'], qaRejections: 2 },
  'PAY 1.5': {
    type: 'minor',
    slip: 5,
    frozenIssues: 14,
    scope: ['accepted', 'removed'],
    releasedOutside: true,
    incidents: [{ tool: 'newrelic', severity: 1, title: '3-D Secure challenge failing for Visa cards', afterHours: 6, restoreMinutes: 370 }],
  },
  'PAY 1.6': { type: 'minor', slip: -1, frozenIssues: 11 },
  'PAY 1.7': {
    type: 'minor',
    slip: 9,
    frozenIssues: 17,
    scope: ['accepted', 'accepted', 'removed'],
    unmet: { 'release-prep': ['notes-published'] },
    incidents: [
      { tool: 'datadog', severity: 2, title: 'Payout job missed its 06:00 run', afterHours: 44, restoreMinutes: 125 },
      { tool: 'sentry', severity: 4, title: 'TypeError in payout schedule page', afterHours: 70, restoreMinutes: 1440 },
    ],
    open: true,
  },
  'MOB 3.9': {
    type: 'major',
    slip: 10,
    frozenIssues: 24,
    scope: ['accepted', 'removed'],
    qaRejections: 1,
    incidents: [{ tool: 'sentry', severity: 2, title: 'Crash on launch: NullPointerException in NavHost', afterHours: 9, restoreMinutes: 240 }],
  },
  'MOB 3.9.1': { type: 'hotfix', slip: 0, frozenIssues: 1, unmet: { 'build-test': ['regression'] } },
  'MOB 3.9.2': { type: 'minor', slip: 6, frozenIssues: 13, scope: ['accepted', 'accepted'], qaRejections: 1 },
  'MOB 4.0.1': {
    type: 'hotfix',
    slip: 0,
    frozenIssues: 2,
    production: 'none',
    incidents: [{ tool: 'sentry', severity: 3, title: 'Login button unreadable in dark mode on iOS 17', afterHours: 20, restoreMinutes: 95 }],
  },
  'MOB 4.0.2': { type: 'minor', slip: 2, frozenIssues: 12, scope: ['removed'], qaRejections: 2 },
  'MOB 4.0.3': {
    type: 'minor',
    slip: 21,
    frozenIssues: 19,
    scope: ['accepted', 'accepted', 'removed', 'accepted', 'removed'],
    qaRejections: 3,
    unmet: { 'build-test': ['all-done'] },
    incidents: [
      { tool: 'datadog', severity: 2, title: 'Image CDN error rate above 2%', afterHours: 16, restoreMinutes: 300 },
      { tool: 'sentry', severity: 3, title: 'OutOfMemoryError in image cache on Android 11', afterHours: 52, restoreMinutes: 30 },
    ],
  },
  'MOB 4.0.4': { type: 'minor', slip: 0, frozenIssues: 10 },
  'MOB 4.0.5': {
    type: 'minor',
    slip: 4,
    frozenIssues: 14,
    scope: ['accepted', 'pending'],
    unmet: { 'build-test': ['scope-resolved'] },
    incidents: [{ tool: 'newrelic', severity: 1, title: 'Push delivery stopped for Android users', afterHours: 7, restoreMinutes: 540 }],
  },
  'MOB 4.0.6': { type: 'minor', slip: 0, frozenIssues: 12, qaRejections: 1, open: true },
};

/** Why the release owner left a phase with a gate unmet, by the first gate that blocked. */
const OVERRIDE_REASONS: Record<string, string> = {
  'all-done': 'The open stories move to the next release; agreed with product.',
  'scope-resolved': 'Late additions are reviewed after the release; none of them ships code.',
  regression: 'Hotfix: the regression suite runs after the deploy; QA accepted the risk.',
  'notes-published': 'The release notes go out with the marketing post the day after.',
  monitoring: 'The dashboards of the previous release cover this one; link added later.',
  'deployed-production': 'Deployed by hand while the pipeline was down; verified in production.',
  'bedding-in-clean': 'The incidents are resolved and the post-mortems filed; closing the release.',
};

const person = (persona: 'release-owner' | 'developer' | 'qa') => LOCAL_USERS.find((u) => u.persona === persona)!.accountId;
const ROLE_PERSONA: Record<PreflightRole, 'release-owner' | 'developer' | 'qa'> = { 'release-owner': 'release-owner', 'engineering-lead': 'developer', qa: 'qa' };
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const pad = (n: number) => String(n).padStart(9, '0');
/** People work 09:00 to 18:00 UTC: an instant outside that moves to the nearest edge of the same day. */
const workHours = (ms: number) => {
  const midnight = Math.floor(ms / DAY) * DAY;
  return Math.min(Math.max(ms, midnight + 9 * HOUR + (ms % HOUR)), midnight + 17 * HOUR + (ms % HOUR));
};

/** One item of a custom entity, as the app's adapters write it. */
export interface HistoryItem {
  entityName: 'release' | 'audit-event' | 'release-summary' | 'incident';
  key: string;
  value: Record<string, unknown>;
}

/** What the seed wrote, per release: for the tests and the README. */
export interface SeededRelease {
  projectKey: string;
  versionId: string;
  versionName: string;
  record: ReleaseRecord;
  events: number;
  incidents: Incident[];
}

/**
 * A release lived through the app's domain functions: every change is one save (a revision) with
 * its audit events, exactly as the store keeps them.
 */
class History {
  record: ReleaseRecord;
  readonly items: HistoryItem[] = [];
  readonly incidents: Incident[] = [];
  private revision = 0;
  private events = 0;

  constructor(first: ReleaseRecord, startedBy: string, at: string, versionName: string) {
    this.record = first;
    // The first save carries "started tracking" before its own events (change-release.ts).
    this.pending = [{ type: 'release-started', by: startedBy, at, ...releaseStartedLine(versionName, first.releaseType) }];
  }

  private pending: AuditEventDraft[];

  get eventCount(): number {
    return this.events;
  }

  /** Saves a change (its record and events) as the release store does: revision + 1, events keyed by it. */
  save(change: Change, touches?: readonly string[]): void {
    const events = change.events.map((e) => (touches ? { ...e, data: stampTouches(e.data, touches) } : e));
    const all = [...this.pending, ...events];
    this.pending = [];
    if (all.length === 0 && change.record === this.record) return;
    this.revision += 1;
    this.record = { ...change.record, revision: this.revision };
    all.forEach((event, i) => {
      const seq = `${pad(this.revision)}:${String(i).padStart(2, '0')}`;
      this.items.push({ entityName: 'audit-event', key: `${this.record.versionId}:${seq}`, value: { versionId: this.record.versionId, seq, event } });
    });
    this.events += all.length;
  }

  /** A save that changes only the record's time, with events (a QA decision, an incident). */
  note(at: string, events: AuditEventDraft[]): void {
    this.save({ record: { ...this.record, updatedAt: at }, events });
  }
}

interface Facts {
  at: number;
  issues: number;
  released: boolean;
  pendingScope: number;
  production?: { build: string; status: ReportedDeployment['status']; at: string };
  incidents?: { total: number; beddingInEndsAt: string };
  plannedRelease: string;
}

/** The gates of a phase as the panel would have evaluated them then. */
function resultsOf(record: ReleaseRecord, phaseId: string, f: Facts, unmet: readonly string[] = []): GateResult[] {
  const phase = record.phases.find((p) => p.id === phaseId)!;
  const facts: ReleaseFacts = {
    today: day(f.at),
    issueCount: f.issues,
    doneCount: unmet.includes('all-done') ? f.issues - 2 : f.issues,
    openBlockers: 0,
    qaPending: record.buildUnderTest ? 0 : undefined,
    releaseDate: f.plannedRelease,
    released: f.released,
    pendingScopeChanges: f.pendingScope,
    frozen: record.frozenAt !== undefined,
    // The pages those releases published are not in the local Confluence; the snapshot says they were.
    releaseNotesPublished: !unmet.includes('notes-published'),
    retrospectivePublished: true,
    ...(record.buildUnderTest && { buildUnderTest: record.buildUnderTest.id }),
    ...(f.production && { production: f.production }),
    incidents: { openSevere: 0, total: f.incidents?.total ?? 0, ...(f.incidents && { beddingInEndsAt: f.incidents.beddingInEndsAt }) },
  };
  return phase.gates.map((gate) => {
    const result = evaluateGate(gate, facts, record);
    return unmet.includes(gate.id) && result.status === 'pass' ? { ...result, status: 'fail' as const, reason: 'Not done yet' } : result;
  });
}

/** Ticks the phase's checklist items and signs its sign-offs, leaving out what `unmet` names. */
function doTheWork(h: History, phaseId: string, from: number, to: number, unmet: readonly string[], versionName: string, rng: Rng): void {
  const phase = h.record.phases.find((p) => p.id === phaseId)!;
  const work = phase.gates.filter((g) => g.kind !== 'auto' && !unmet.includes(g.id));
  const gap = (to - from) / (work.length + 2);
  const jitter = Math.max(0, Math.min(40, Math.floor(gap / 120_000)));
  let previous = from;
  work.forEach((gate, i) => {
    previous = Math.max(previous + 60_000, workHours(from + Math.floor(gap * (i + 1)) + rng.int(0, jitter) * 60_000));
    const at = iso(previous);
    if (gate.kind === 'manual') {
      const by = person(gate.id === 'regression' || gate.id === 'performance' ? 'qa' : gate.id === 'deploy-verified' || gate.id === 'environment' ? 'developer' : 'release-owner');
      const slug = versionName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const link = gate.requiresLink ? `https://wiki.example.com/releases/${slug}/${gate.id}` : undefined;
      h.save(tickChecklistItem(h.record, gate.id, true, by, at, link), [`checklist:${gate.id}`]);
    } else if (gate.kind === 'signoff') {
      for (const role of gate.roles) h.save(signOff(h.record, gate.id, role, true, person(ROLE_PERSONA[role]), at), [`signoff:${gate.id}:${role}`]);
    }
  });
}

/** Leaves the current phase; an unmet gate is overridden by the release owner with a written reason. */
function leave(h: History, at: number, facts: Facts, unmet: readonly string[], issueCount?: number): void {
  const results = resultsOf(h.record, h.record.currentPhaseId, { ...facts, at }, unmet);
  const blocking = results.filter((r) => r.status === 'fail');
  const reason = blocking.length > 0 ? (OVERRIDE_REASONS[blocking[0]!.gateId] ?? 'Accepted by the release owner after review with the team.') : undefined;
  h.save(advancePhase(h.record, results, person('release-owner'), iso(at), reason ? { reason } : undefined, issueCount), ['phase']);
}

function buildId(versionName: string, candidate: number): string {
  const number = versionName.split(' ')[1] ?? '0';
  const full = number.split('.').length === 2 ? `${number}.0` : number;
  return candidate === 0 ? full : `${full}-rc.${candidate}`;
}

/** Lives one release from its start to today, as Preflight would have recorded it. */
function liveRelease(version: JiraVersion, projectKey: string, outcome: Outcome, now: number, rng: Rng): History {
  const start = Date.parse(`${version.startDate}T00:00:00Z`);
  const shipped = Date.parse(`${version.releaseDate}T00:00:00Z`);
  const planned = shipped - outcome.slip * DAY;
  const span = Math.max(3, Math.round((planned - start) / DAY));
  // Planned phase ends, in days from the start.
  const ends = [Math.max(1, Math.round(span * 0.35)), 0, 0, span, span + BEDDING_IN_DAYS + 2];
  ends[1] = Math.max(ends[0]! + 1, span - Math.max(1, Math.round(span * 0.15)));
  ends[2] = Math.max(ends[1]!, span - 1);
  const owner = person('release-owner');
  const phases = DEFAULT_TEMPLATE[outcome.type];
  const at0 = start + 9 * HOUR + rng.int(0, 50) * 60_000;
  const h = new History(startRelease({ versionId: version.id, projectKey, releaseType: outcome.type, phases, at: iso(at0 + 20 * 60_000), startedAt: iso(at0) }), owner, iso(at0 + 20 * 60_000), version.name);
  const plannedDay = (d: number) => day(start + d * DAY);
  phases.forEach((phase, i) => {
    h.save(setPhaseDates(h.record, phase.id, { plannedStart: plannedDay(i === 0 ? 0 : ends[i - 1]!), plannedEnd: plannedDay(ends[i]!) }, owner, iso(at0 + (25 + i) * 60_000)), [`phaseDates:${phase.id}`]);
  });

  const unmet = (phaseId: string) => outcome.unmet?.[phaseId] ?? [];
  const scope = outcome.scope ?? [];
  let pendingScope = 0;
  const facts = (released: boolean): Facts => ({ at: 0, issues: outcome.frozenIssues, released, pendingScope, plannedRelease: day(planned) });
  // Monotonic instants: each step at least an hour after the last.
  let clock = at0 + HOUR;
  const after = (ms: number) => (clock = Math.max(clock + HOUR, ms));

  // Planning: the work, then the freeze.
  const freeze = after(start + (ends[0]! + Math.round(outcome.slip * 0.2)) * DAY + 16 * HOUR);
  doTheWork(h, 'planning', at0 + HOUR, freeze, unmet('planning'), version.name, rng);
  leave(h, freeze, facts(false), unmet('planning'), outcome.frozenIssues);

  // Build & test: a release candidate, QA's verdicts on it, scope added after the freeze and decided.
  const buildEnd = after(start + (ends[1]! + Math.round(outcome.slip * 0.7)) * DAY + 15 * HOUR);
  const step = (buildEnd - freeze) / (scope.length + (outcome.qaRejections ?? 0) + 4);
  let t = freeze + step;
  let candidate = 1;
  h.save(setBuildUnderTest(h.record, buildId(version.name, candidate), person('developer'), iso(workHours(t))), ['build']);
  let issueNumber = 9000 + Number(version.id) % 1000 * 10;
  const nextIssue = () => {
    issueNumber += 1;
    return { id: String(80000 + issueNumber), key: `${projectKey}-${issueNumber}` };
  };
  scope.forEach((decision, i) => {
    t += step;
    const issue = nextIssue();
    const added = workHours(t);
    h.save(recordScopeAddition(h.record, { ...issue, changelogId: String(70000 + issueNumber) }, person('developer'), iso(added)));
    if (decision === 'pending') pendingScope += 1;
    else h.save(decideScopeChange(h.record, issue, decision, owner, iso(workHours(added + (1 + (i % 3)) * HOUR))), [ANYTHING]);
  });
  for (let r = 0; r < (outcome.qaRejections ?? 0); r++) {
    t += step;
    const issue = nextIssue();
    const build = buildId(version.name, candidate);
    const rejected = workHours(t);
    h.note(iso(rejected), [qaAuditEvent({ status: 'rejected', build, by: person('qa'), at: iso(rejected), note: 'Fails the acceptance criteria.', versionId: version.id }, issue.key, undefined)]);
    candidate += 1;
    h.save(setBuildUnderTest(h.record, buildId(version.name, candidate), person('developer'), iso(workHours(rejected + 3 * HOUR))), ['build']);
  }
  t = workHours(t + step);
  h.note(iso(t), [qaAuditEvent({ status: 'approved', build: buildId(version.name, candidate), by: person('qa'), at: iso(t), note: '', versionId: version.id }, `${projectKey}-${issueNumber + 1}`, undefined)]);
  doTheWork(h, 'build-test', t, buildEnd, unmet('build-test'), version.name, rng);
  leave(h, buildEnd, facts(false), unmet('build-test'));

  // Release preparation, staging, then production and the Jira release on the day it shipped.
  const build = h.record.buildUnderTest!.id;
  const prepEnd = Math.max(clock + 5 * HOUR, shipped - DAY + 17 * HOUR);
  const staged = after(prepEnd - 3 * HOUR);
  const pipeline = 100 + (Number(version.id) % 100) * 3;
  const prepUnmet = outcome.releasedOutside ? [...unmet('release-prep'), 'go-no-go'] : unmet('release-prep');
  doTheWork(h, 'release-prep', buildEnd, staged, prepUnmet, version.name, rng);
  h.save(recordDeployment(h.record, { environment: 'staging', kind: 'staging', build, status: 'successful', at: iso(staged), pipeline: `deploy #${pipeline}` }, CI_REPORTER), ['deployments']);
  if (!outcome.releasedOutside) leave(h, after(prepEnd), facts(false), unmet('release-prep'));

  const live = after(shipped + 10 * HOUR);
  let production: Facts['production'];
  if (outcome.production !== 'none') {
    if (outcome.production === 'failed-then-successful') {
      h.save(recordDeployment(h.record, { environment: 'production', kind: 'production', build, status: 'failed', at: iso(live - 2 * HOUR), pipeline: `deploy #${pipeline + 1}` }, CI_REPORTER), ['deployments']);
    }
    h.save(recordDeployment(h.record, { environment: 'production', kind: 'production', build, status: 'successful', at: iso(live), pipeline: `deploy #${pipeline + 2}` }, CI_REPORTER), ['deployments']);
    production = { build, status: 'successful', at: iso(live) };
  }
  const releasedAt = after(live + HOUR);
  if (outcome.releasedOutside) {
    // Someone released the version in Jira while the go/no-go still waited: Jira's event moved the release on.
    const results = new Map(
      ['release-prep', 'deployment'].flatMap((id) => resultsOf(h.record, id, { ...facts(true), at: releasedAt, ...(production && { production }) }, id === 'release-prep' ? prepUnmet : ['deploy-verified', 'monitoring'])).map((r) => [r.gateId, r]),
    );
    h.save(recordReleasedInJira(h.record, results, { by: person('developer'), at: iso(releasedAt), releaseDate: version.releaseDate!, versionName: version.name }));
  } else {
    h.save(recordVersionReleased(h.record, { releaseDate: version.releaseDate! }, owner, iso(releasedAt)), [ANYTHING]);
    const verified = after(releasedAt + 3 * HOUR);
    doTheWork(h, 'deployment', releasedAt, verified, unmet('deployment'), version.name, rng);
    leave(h, after(verified + HOUR), { ...facts(true), ...(production && { production }) }, unmet('deployment'));
  }

  // Bedding-in: incidents from monitoring, each opened and resolved (the time to restore).
  const liveFrom = production ? live : shipped;
  const beddingInEndsAt = iso(liveFrom + BEDDING_IN_DAYS * DAY);
  for (const plan of outcome.incidents ?? []) {
    // Monitoring runs day and night; an alert is recorded after the release's last change before it.
    const started = Math.max(liveFrom + plan.afterHours * HOUR, clock + HOUR);
    const resolved = started + plan.restoreMinutes * 60_000;
    const alertId = `${plan.tool}-${version.id}-${plan.afterHours}`;
    const key = incidentKey(projectKey, { tool: plan.tool, alertId });
    const incident: Incident = {
      key,
      projectKey,
      versionId: version.id,
      tool: plan.tool,
      alertId,
      severity: plan.severity,
      title: plan.title,
      link: `https://monitoring.example.com/${plan.tool}/alerts/${encodeURIComponent(alertId)}`,
      startedAt: iso(started),
      resolvedAt: iso(resolved),
      updatedAt: iso(resolved),
      notifications: 2,
    };
    h.incidents.push(incident);
    h.items.push({ entityName: 'incident', key, value: { projectKey, versionId: version.id, startedAt: incident.startedAt, incident } });
    const tool = MONITORING_TOOL_LABELS[plan.tool];
    const data = stampTouches({ kind: 'incident', tool: plan.tool, severity: String(plan.severity), incident: key }, ['incidents']);
    h.note(iso(started), [{ type: 'incident-opened', by: plan.tool, at: iso(started), ...auditLine('audit.incidentOpened', { tool, severity: plan.severity, title: plan.title }), data }]);
    h.note(iso(resolved), [{ type: 'incident-resolved', by: plan.tool, at: iso(resolved), ...auditLine('audit.incidentResolved', { tool, severity: plan.severity, title: plan.title }), data }]);
  }

  // Post-release review: the incidents logged, follow-ups filed; complete unless the team never closed it.
  const reviewEnd = Math.min(now - DAY, workHours(liveFrom + (BEDDING_IN_DAYS + 2) * DAY + 6 * HOUR));
  const reviewStart = Math.max(clock, liveFrom + BEDDING_IN_DAYS * DAY);
  if (outcome.open) {
    doTheWork(h, 'post-release', reviewStart, reviewEnd, ['follow-ups'], version.name, rng);
  } else {
    doTheWork(h, 'post-release', reviewStart, reviewEnd, [], version.name, rng);
    const incidents = { total: outcome.incidents?.length ?? 0, beddingInEndsAt };
    leave(h, Math.max(reviewEnd, clock + HOUR), { ...facts(true), ...(production && { production }), incidents }, []);
  }
  return h;
}

/**
 * What the releases list shows for a release, as the app stores it: a completed release as the
 * panel left it at its last change (get-release.ts); one still open as the daily background
 * refresh keeps it, evaluated at the seed's `now` (evaluate-in-background.ts).
 */
function summaryItem(record: ReleaseRecord, facts: Facts, now: Date): HistoryItem {
  const phase = currentPhase(record);
  const open = record.completedAt === undefined;
  const results = resultsOf(record, phase.id, open ? { ...facts, at: now.getTime() } : facts);
  return {
    entityName: 'release-summary',
    key: record.versionId,
    value: {
      projectKey: record.projectKey,
      versionId: record.versionId,
      summary: {
        phase: { id: phase.id, name: record.completedAt ? 'Complete' : phase.name },
        gateSummary: {
          pass: results.filter((r) => r.status === 'pass').length,
          warning: results.filter((r) => r.status === 'warning').length,
          fail: results.filter((r) => r.status === 'fail').length,
          evaluatedAt: open ? now.toISOString() : record.updatedAt,
        },
        source: open ? 'background' : 'panel',
        tracked: true,
        releaseType: record.releaseType,
        ...(open && { scopePending: facts.pendingScope }),
      },
    },
  };
}

/** The history's items for a Jira state: versions named in HISTORY_OUTCOMES that are released there. */
export function releaseHistoryItems(jira: JiraState, now: Date): { items: HistoryItem[]; releases: SeededRelease[] } {
  const items: HistoryItem[] = [];
  const releases: SeededRelease[] = [];
  const projects = new Map(jira.projects.map((p) => [p.id, p.key]));
  for (const version of jira.versions) {
    const outcome = HISTORY_OUTCOMES[version.name];
    const projectKey = projects.get(version.projectId);
    if (!outcome || !projectKey || !version.released || !version.startDate || !version.releaseDate) continue;
    const h = liveRelease(version, projectKey, outcome, now.getTime(), createRng(Number(version.id)));
    const record = h.record;
    const last = Date.parse(record.updatedAt);
    items.push(...h.items, { entityName: 'release', key: record.versionId, value: { projectKey, versionId: record.versionId, revision: record.revision, record } });
    items.push(summaryItem(record, { at: last, issues: outcome.frozenIssues, released: true, pendingScope: (outcome.scope ?? []).filter((s) => s === 'pending').length, plannedRelease: version.releaseDate, incidents: { total: h.incidents.length, beddingInEndsAt: iso(last) } }, now));
    releases.push({ projectKey, versionId: version.id, versionName: version.name, record, events: h.eventCount, incidents: h.incidents });
  }
  return { items, releases };
}

/** The KVS calls the seed makes: LocalKvs's own protocol (the one @forge/kvs speaks). */
type KvsHandle = Pick<LocalKvs, 'handle'>;

/**
 * Writes the release history into the app's storage (a local KVS), through the same batch
 * protocol @forge/kvs uses, 25 items a batch. The writes land before the first await, so callers
 * may go on at once; the promise settles with what was written and rejects if the KVS refused any
 * item (a declaration missing from the manifest, a key Forge would refuse).
 */
export function seedReleaseHistory(kvs: KvsHandle, jira: JiraState, now: Date): Promise<SeededRelease[]> {
  const { items, releases } = releaseHistoryItems(jira, now);
  const replies: Array<ReturnType<KvsHandle['handle']>> = [];
  for (let i = 0; i < items.length; i += 25) replies.push(kvs.handle('/api/v1/batch/set', items.slice(i, i + 25)));
  return Promise.all(replies).then((answers) => {
    for (const answer of answers) {
      const body = answer.body as { failedKeys?: Array<{ key: string; error: { message: string } }> } | undefined;
      if (answer.status !== 200 || (body?.failedKeys?.length ?? 0) > 0) {
        throw new Error(`The release history seed was refused by the KVS: ${answer.status} ${JSON.stringify(body?.failedKeys ?? body)}`);
      }
    }
    return releases;
  });
}
