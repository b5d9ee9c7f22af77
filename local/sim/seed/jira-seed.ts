import { LOCAL_USERS, type LocalUser } from '../users';
import type { JiraChangelogEntry, JiraIssue, JiraProject, JiraRole, JiraState, JiraVersion } from '../jira/types';
import { createRng, type Rng } from './prng';
import { addRule, PREFLIGHT_QA_VALIDATOR_KEY } from '../jira/workflow-rules';

/**
 * Deterministic Jira demo data: two company-managed projects (PAY "Payments", MOB "Mobile App"),
 * eleven versions covering every state a release can be in, and `issues` issues spread over them
 * with realistic summaries, statuses, priorities, components, labels and fixVersion history.
 * Dates are relative to `now`, so "released recently" and "past due" stay true whenever it runs.
 * The same options always give the same state.
 */
export interface JiraSeedOptions {
  /** How many issues (default 450). The composer maps PREFLIGHT_SEED_ISSUES to it. */
  issues?: number;
  /** PRNG seed (default 20240501). */
  seed?: number;
  /** The moment the data is built around (default: today, 00:00 UTC). */
  now?: Date;
}

export const DEFAULT_SEED_ISSUES = 450;
const DAY = 86400000;

type VersionProfile = 'released' | 'pastDue' | 'active' | 'future' | 'backlog';

interface VersionPlan {
  name: string;
  description: string;
  /** Days from today; null = no date. */
  start: number | null;
  release: number | null;
  released: boolean;
  archived: boolean;
  profile: VersionProfile;
  /** Share of the project's issues. */
  weight: number;
}

interface ProjectPlan {
  key: string;
  name: string;
  description: string;
  components: [string, string][];
  areas: string[];
  personas: string[];
  versions: VersionPlan[];
  /** Share of issues with no fixVersion. */
  backlogWeight: number;
}

const PROJECTS: ProjectPlan[] = [
  {
    key: 'PAY',
    name: 'Payments',
    description: 'Card payments, billing, refunds and the merchant-facing payments API.',
    components: [
      ['Checkout', 'Hosted checkout pages and the payment sheet.'],
      ['Billing', 'Invoices, subscriptions and dunning.'],
      ['Refunds', 'Full and partial refunds, disputes.'],
      ['Fraud detection', 'Risk scoring and 3-D Secure.'],
      ['Public API', 'The REST API and webhooks merchants integrate with.'],
      ['Ledger', 'Double-entry ledger, payouts and reconciliation.'],
    ],
    areas: ['checkout', 'card tokenisation', 'refund flow', 'invoice PDFs', 'currency conversion', 'webhook delivery', 'payout scheduler', 'ledger reconciliation', '3-D Secure challenge', 'subscription renewals', 'fraud scoring', 'merchant dashboard', 'SEPA direct debit', 'Apple Pay', 'Google Pay', 'receipt emails', 'idempotency keys', 'settlement reports'],
    personas: ['merchant', 'finance admin', 'support agent', 'customer'],
    versions: [
      { name: 'PAY 0.9', description: 'Pilot with three merchants.', start: -560, release: -500, released: true, archived: true, profile: 'released', weight: 4 },
      { name: 'PAY 1.0', description: 'General availability of card payments.', start: -420, release: -360, released: true, archived: false, profile: 'released', weight: 11 },
      { name: 'PAY 2.0', description: 'Subscriptions and invoicing.', start: -90, release: -18, released: true, archived: false, profile: 'released', weight: 15 },
      { name: 'PAY 2.1', description: 'Refund improvements and SEPA direct debit.', start: -60, release: -4, released: false, archived: false, profile: 'pastDue', weight: 12 },
      { name: 'PAY 2.2', description: 'Wallets (Apple Pay, Google Pay) and the new fraud engine.', start: -30, release: 16, released: false, archived: false, profile: 'active', weight: 34 },
      { name: 'PAY 3.0', description: 'Multi-currency ledger. Not scheduled yet.', start: null, release: null, released: false, archived: false, profile: 'future', weight: 8 },
    ],
    backlogWeight: 10,
  },
  {
    key: 'MOB',
    name: 'Mobile App',
    description: 'The iOS and Android apps for customers.',
    components: [
      ['iOS', 'The Swift app.'],
      ['Android', 'The Kotlin app.'],
      ['Onboarding', 'Sign-up, login and the first-run tour.'],
      ['Notifications', 'Push and in-app notifications.'],
      ['Offline sync', 'Local storage and background sync.'],
      ['Payments SDK', 'The embedded payments SDK from PAY.'],
    ],
    areas: ['login screen', 'push notifications', 'offline mode', 'onboarding tour', 'biometric unlock', 'dark mode', 'deep links', 'image cache', 'settings page', 'in-app purchases', 'crash reporter', 'accessibility labels', 'app start time', 'account deletion', 'home screen widget', 'tablet layout'],
    personas: ['user', 'new user', 'returning user', 'tablet user'],
    versions: [
      { name: 'MOB 3.9', description: 'Last release of the old navigation.', start: -540, release: -470, released: true, archived: true, profile: 'released', weight: 6 },
      { name: 'MOB 4.0', description: 'New navigation and dark mode.', start: -330, release: -280, released: true, archived: false, profile: 'released', weight: 18 },
      { name: 'MOB 4.1', description: 'Biometric unlock and widget.', start: -45, release: -9, released: true, archived: false, profile: 'released', weight: 20 },
      { name: 'MOB 4.2', description: 'Offline mode and faster start-up.', start: -20, release: 30, released: false, archived: false, profile: 'active', weight: 30 },
      { name: 'MOB 5.0', description: 'Tablet layout. Not scheduled yet.', start: null, release: null, released: false, archived: false, profile: 'future', weight: 12 },
    ],
    backlogWeight: 14,
  },
];

/** Project roles and who holds them; permissions per role are in jira/catalog.ts. */
const ROLE_PLAN: { id: number; name: string; description: string; persona: LocalUser['persona'] }[] = [
  { id: 10002, name: 'Administrators', description: 'A project role that represents administrators in a project', persona: 'release-owner' },
  { id: 10001, name: 'Developers', description: 'A project role that represents developers in a project', persona: 'developer' },
  { id: 10003, name: 'QA', description: 'Quality engineers who approve builds', persona: 'qa' },
  { id: 10004, name: 'Viewers', description: 'People who can browse the project but not change it', persona: 'viewer' },
];

const STATUS = { todo: '10000', inProgress: '3', inReview: '10001', done: '10002' } as const;
const TYPE = { epic: '10000', story: '10001', task: '10002', bug: '10003', subtask: '10004' } as const;
const RESOLUTION = { done: '10000', wontDo: '10001', duplicate: '10002' } as const;

const STATUS_MIX: Record<VersionProfile, [string, number][]> = {
  released: [[STATUS.done, 1]],
  pastDue: [[STATUS.done, 70], [STATUS.inReview, 14], [STATUS.inProgress, 10], [STATUS.todo, 6]],
  active: [[STATUS.done, 38], [STATUS.inReview, 14], [STATUS.inProgress, 24], [STATUS.todo, 24]],
  future: [[STATUS.done, 4], [STATUS.inProgress, 8], [STATUS.todo, 88]],
  backlog: [[STATUS.done, 8], [STATUS.inProgress, 7], [STATUS.todo, 85]],
};

const LABELS = ['customer-facing', 'security', 'performance', 'tech-debt', 'ux', 'compliance', 'api', 'hotfix-candidate', 'docs'];

const STORY_TEMPLATES = [
  (a: string, p: string, r: Rng) => `As a ${p}, I can ${r.pick(CAPABILITIES)} in ${a}`,
  (a: string, _p: string, r: Rng) => `Add ${r.pick(FEATURES)} to ${a}`,
  (a: string, p: string, r: Rng) => `Let the ${p} ${r.pick(CAPABILITIES)} from ${a}`,
];
const CAPABILITIES = ['retry a failed payment', 'export data as CSV', 'see a clear error message', 'filter by date range', 'save preferences', 'undo the last change', 'search by reference', 'get notified of changes', 'switch currency', 'download a receipt'];
const FEATURES = ['pagination', 'bulk actions', 'audit logging', 'rate limiting', 'localised copy', 'keyboard shortcuts', 'empty states', 'progress indicators', 'analytics events', 'a feature flag'];
const SYMPTOMS = ['rounding error', 'timeout', 'duplicate request', 'blank screen', 'memory leak', 'crash', 'wrong time zone', 'stale cache', 'race condition', 'missing translation', 'layout overlap'];
const CONDITIONS = ['the amount has three decimal places', 'the session expires', 'the network drops', 'two requests arrive at once', 'the locale is de-DE', 'the list is empty', 'the user goes back twice', 'the device is low on storage'];
const BUG_TEMPLATES = [
  (a: string, r: Rng) => `${cap(a)} fails when ${r.pick(CONDITIONS)}`,
  (a: string, r: Rng) => `Fix ${r.pick(SYMPTOMS)} in ${a}`,
  (a: string, r: Rng) => `${cap(a)}: ${r.pick(SYMPTOMS)} after upgrade`,
];
const TASK_TEMPLATES = [
  (a: string) => `Add monitoring and alerts for ${a}`,
  (a: string) => `Write the runbook for ${a}`,
  (a: string) => `Refactor the ${a} module`,
  (a: string) => `Load test ${a}`,
  (a: string, r: Rng) => `Upgrade ${r.pick(['the HTTP client', 'the JSON parser', 'the logging library', 'the build tooling', 'the test runner'])} used by ${a}`,
];
const EPIC_TEMPLATES = [(a: string) => `${cap(a)} revamp`, (a: string) => `Improve ${a} reliability`, (a: string) => `${cap(a)} v2`];
const SUBTASK_TEMPLATES = [
  (a: string) => `Write unit tests for ${a}`,
  (a: string) => `Update API docs for ${a}`,
  (a: string) => `QA pass on ${a}`,
  (a: string) => `Code review: ${a}`,
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface IssueSpec {
  project: JiraProject;
  plan: ProjectPlan;
  version: JiraVersion | null;
  profile: VersionProfile;
  typeId: string;
  area: string;
  created: number;
  issue?: JiraIssue;
}

/** Builds the demo state. Deterministic for the same options. */
export function seedJira(opts: JiraSeedOptions = {}): JiraState {
  const total = Math.max(0, Math.floor(opts.issues ?? DEFAULT_SEED_ISSUES));
  const rng = createRng(opts.seed ?? 20240501);
  const nowMs = opts.now ? opts.now.getTime() : Math.floor(Date.now() / DAY) * DAY;
  const today = Math.floor(nowMs / DAY) * DAY;
  const owner = LOCAL_USERS.find((u) => u.persona === 'release-owner')!;
  const byPersona = (p: LocalUser['persona']) => LOCAL_USERS.find((u) => u.persona === p)!.accountId;

  const state: JiraState = {
    schemaVersion: 1,
    projects: [],
    versions: [],
    issues: [],
    properties: {},
    roles: ROLE_PLAN.map((r): JiraRole => ({ id: r.id, name: r.name, description: r.description, actors: {} })),
    counters: { projectId: 10000, versionId: 10000, issueId: 10000, changelogId: 10000, componentId: 10000 },
  };
  const next = (c: keyof JiraState['counters']) => String(state.counters[c]++);

  // Projects, versions, roles.
  const buckets: { plan: ProjectPlan; project: JiraProject; version: JiraVersion | null; profile: VersionProfile; weight: number }[] = [];
  for (const plan of PROJECTS) {
    const project: JiraProject = {
      id: next('projectId'),
      key: plan.key,
      name: plan.name,
      description: plan.description,
      leadAccountId: owner.accountId,
      components: plan.components.map(([name, description]) => ({ id: next('componentId'), name, description })),
      nextIssueNumber: 1,
    };
    state.projects.push(project);
    for (const role of state.roles) {
      const persona = ROLE_PLAN.find((r) => r.id === role.id)!.persona;
      role.actors[project.id] = [byPersona(persona)];
    }
    // The demo's workflow rule: PAY's transition into Done carries Preflight's QA validator (MOB has none).
    if (plan.key === 'PAY') addRule(state, { projectId: project.id, toStatusId: STATUS.done, moduleKey: PREFLIGHT_QA_VALIDATOR_KEY, addedBy: owner.accountId, at: new Date(nowMs) });
    plan.versions.forEach((v, i) => {
      const version: JiraVersion = {
        id: next('versionId'),
        projectId: project.id,
        name: v.name,
        description: v.description,
        startDate: v.start === null ? null : isoDay(today + v.start * DAY),
        releaseDate: v.release === null ? null : isoDay(today + v.release * DAY),
        released: v.released,
        archived: v.archived,
        sequence: i + 1,
        driverAccountId: owner.accountId,
        relatedWork: [],
      };
      state.versions.push(version);
      buckets.push({ plan, project, version, profile: v.profile, weight: v.weight });
    });
    buckets.push({ plan, project, version: null, profile: 'backlog', weight: plan.backlogWeight });
  }

  // Issue skeletons: which project/version/type, and when created. Keys follow creation order.
  const specs: IssueSpec[] = [];
  const epicCount = total >= 10 ? Math.max(2, Math.round(total * 0.04)) : 0;
  for (let n = 0; n < total; n += 1) {
    const bucket = rng.weighted(buckets.map((b) => [b, b.weight] as const));
    const typeId = n < epicCount ? TYPE.epic : rng.weighted([[TYPE.story, 40], [TYPE.bug, 28], [TYPE.task, 20], [TYPE.subtask, 12]]);
    const created = createdWithin(rng, bucket.version, today, nowMs);
    specs.push({ project: bucket.project, plan: bucket.plan, version: bucket.version, profile: bucket.profile, typeId, area: rng.pick(bucket.plan.areas), created });
  }
  specs.sort((a, b) => a.created - b.created);

  const epicsByProject = new Map<string, JiraIssue[]>();
  const parentsByProject = new Map<string, JiraIssue[]>();
  for (const spec of specs) {
    const issue = buildIssue(spec, rng, state, nowMs, byPersona);
    spec.issue = issue;
    // Sub-tasks hang under a recent story/task/bug of the same project; stories under an epic.
    if (issue.issueTypeId === TYPE.subtask) {
      const candidates = (parentsByProject.get(issue.projectId) ?? []).slice(-40);
      const sameVersion = candidates.filter((p) => p.fixVersionIds.join() === issue.fixVersionIds.join());
      const parent = sameVersion.length ? rng.pick(sameVersion) : candidates.length ? rng.pick(candidates) : undefined;
      if (parent) issue.parentId = parent.id;
      else issue.issueTypeId = TYPE.task;
    } else if (issue.issueTypeId === TYPE.story && rng.chance(0.6)) {
      const epics = epicsByProject.get(issue.projectId) ?? [];
      if (epics.length) issue.parentId = rng.pick(epics).id;
    }
    if (issue.issueTypeId === TYPE.epic) push(epicsByProject, issue.projectId, issue);
    else if (issue.issueTypeId !== TYPE.subtask) push(parentsByProject, issue.projectId, issue);
    state.issues.push(issue);
  }
  addReleaseHistory(state, today, owner.accountId);
  return state;
}

/**
 * Past releases of PAY and MOB for the portfolio's health figures (at least 8 per project with
 * the released versions above). Appended after everything else so no existing id, key or issue
 * moves: new version ids come from the counters, sequences follow the project's last one. They
 * are archived (old minor releases and hotfixes), so Jira's default list (released + unreleased)
 * is unchanged. They hold no issues: adding issues would change the seeded issue count and the
 * creation order of the keys. `release` is the day it actually shipped (Jira's release date);
 * Preflight's record of each (planned dates, slips, overrides, incidents) is written by
 * release-history.ts.
 */
export const HISTORY_VERSIONS: Record<string, Array<{ name: string; description: string; start: number; release: number }>> = {
  PAY: [
    { name: 'PAY 1.1', description: 'Saved cards and receipt emails.', start: -350, release: -318 },
    { name: 'PAY 1.2', description: 'Partial refunds.', start: -314, release: -280 },
    { name: 'PAY 1.3', description: 'Webhook delivery rework.', start: -276, release: -240 },
    { name: 'PAY 1.3.1', description: 'Hotfix: duplicate webhook deliveries.', start: -238, release: -235 },
    { name: 'PAY 1.4', description: 'Currency conversion at checkout.', start: -232, release: -196 },
    { name: 'PAY 1.5', description: '3-D Secure 2 challenge flow.', start: -192, release: -160 },
    { name: 'PAY 1.6', description: 'Settlement reports.', start: -156, release: -128 },
    { name: 'PAY 1.7', description: 'Payout scheduler.', start: -124, release: -96 },
  ],
  MOB: [
    { name: 'MOB 3.9.1', description: 'Hotfix: crash on start for some Android devices.', start: -467, release: -463 },
    { name: 'MOB 3.9.2', description: 'Accessibility labels and crash fixes.', start: -440, release: -398 },
    { name: 'MOB 4.0.1', description: 'Hotfix: dark mode contrast on the login screen.', start: -277, release: -274 },
    { name: 'MOB 4.0.2', description: 'Deep links into receipts.', start: -268, release: -230 },
    { name: 'MOB 4.0.3', description: 'Image cache and faster lists.', start: -226, release: -186 },
    { name: 'MOB 4.0.4', description: 'Settings page redesign.', start: -182, release: -150 },
    { name: 'MOB 4.0.5', description: 'Push notification preferences.', start: -146, release: -110 },
    { name: 'MOB 4.0.6', description: 'Account deletion in the app.', start: -106, release: -70 },
  ],
};

function addReleaseHistory(state: JiraState, today: number, driver: string): void {
  for (const project of state.projects) {
    const plans = HISTORY_VERSIONS[project.key] ?? [];
    let sequence = Math.max(0, ...state.versions.filter((v) => v.projectId === project.id).map((v) => v.sequence));
    for (const plan of plans) {
      state.versions.push({
        id: String(state.counters.versionId++),
        projectId: project.id,
        name: plan.name,
        description: plan.description,
        startDate: isoDay(today + plan.start * DAY),
        releaseDate: isoDay(today + plan.release * DAY),
        released: true,
        archived: true,
        sequence: ++sequence,
        driverAccountId: driver,
        relatedWork: [],
      });
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A creation instant that makes sense for the version: during its development, before now. */
function createdWithin(rng: Rng, version: JiraVersion | null, today: number, nowMs: number): number {
  let from: number;
  let to: number;
  if (version?.startDate && version.releaseDate) {
    from = Date.parse(version.startDate) - 25 * DAY;
    to = Math.min(Date.parse(version.releaseDate) - 2 * DAY, today - DAY);
  } else {
    from = today - (version ? 70 : 220) * DAY;
    to = today - DAY;
  }
  if (to <= from) to = from + DAY;
  const day = Math.floor((from + rng.next() * (to - from)) / DAY) * DAY;
  const at = day + rng.int(8, 18) * 3600000 + rng.int(0, 59) * 60000 + rng.int(0, 59) * 1000;
  return Math.min(at, nowMs - 60000);
}

function buildIssue(
  spec: IssueSpec,
  rng: Rng,
  state: JiraState,
  nowMs: number,
  byPersona: (p: LocalUser['persona']) => string,
): JiraIssue {
  const { project, plan, version, profile, typeId, area } = spec;
  const id = String(state.counters.issueId++);
  const key = `${project.key}-${project.nextIssueNumber++}`;
  const statusId = rng.weighted(STATUS_MIX[profile]);
  const done = statusId === STATUS.done;
  const bug = typeId === TYPE.bug;
  const priorityId = rng.weighted(
    bug ? [['1', 10], ['2', 30], ['3', 40], ['4', 15], ['5', 5]] : [['1', 3], ['2', 17], ['3', 55], ['4', 18], ['5', 7]],
  );
  const labels = new Set<string>();
  if (rng.chance(0.2)) labels.add('internal');
  if (bug && rng.chance(0.3)) labels.add('regression');
  for (let k = rng.int(0, 2); k > 0; k -= 1) labels.add(rng.pick(LABELS));
  const componentIds = [rng.pick(project.components).id];
  if (rng.chance(0.2)) componentIds.push(rng.pick(project.components).id);

  const summary = summaryFor(typeId, area, rng.pick(plan.personas), rng);
  const assignee = done || statusId !== STATUS.todo
    ? rng.weighted<string | null>([[byPersona('developer'), 55], [byPersona('qa'), 20], [byPersona('release-owner'), 10], [null, 15]])
    : rng.weighted<string | null>([[byPersona('developer'), 35], [null, 65]]);
  const reporter = rng.weighted([[byPersona('release-owner'), 40], [byPersona('qa'), 30], [byPersona('developer'), 25], [byPersona('viewer'), 5]]);

  const created = spec.created;
  const releaseMs = version?.releaseDate ? Date.parse(version.releaseDate) : nowMs;
  const latest = Math.max(created + 3600000, Math.min(releaseMs, nowMs) - 3600000);
  const changelog: JiraChangelogEntry[] = [];
  const fixVersionIds = version ? [version.id] : [];
  if (version && rng.chance(0.35)) {
    // Added to the version after creation; in an active release some arrive after scope freeze
    // (the last week), and a few were moved over from the previous, overdue release.
    const recent = profile === 'active' && rng.chance(0.25);
    const at = recent ? Math.max(created + 3600000, nowMs - rng.int(1, 7) * 86400000) : created + rng.next() * (latest - created);
    const previous = profile === 'active' ? state.versions.find((v) => v.projectId === project.id && v.sequence === version.sequence - 1 && !v.released) : undefined;
    const moved = previous && rng.chance(0.3);
    changelog.push({
      id: String(state.counters.changelogId++),
      authorAccountId: byPersona('release-owner'),
      created: new Date(Math.min(at, nowMs - 60000)).toISOString(),
      items: [
        ...(moved ? [{ field: 'Fix Version', fieldId: 'fixVersions', fieldtype: 'jira', from: previous.id, fromString: previous.name, to: null, toString: null }] : []),
        { field: 'Fix Version', fieldId: 'fixVersions', fieldtype: 'jira', from: null, fromString: null, to: version.id, toString: version.name },
      ],
    });
  }
  const resolutionDate = done ? new Date(created + rng.next() * (latest - created)).toISOString() : null;
  const lastTouched = Math.max(created, ...changelog.map((c) => Date.parse(c.created)), resolutionDate ? Date.parse(resolutionDate) : 0);
  const updated = Math.min(nowMs - 1000, lastTouched + rng.int(0, 3) * 3600000);

  return {
    id,
    key,
    projectId: project.id,
    issueTypeId: typeId,
    statusId,
    priorityId,
    resolutionId: done ? rng.weighted([[RESOLUTION.done, 92], [RESOLUTION.wontDo, 6], [RESOLUTION.duplicate, 2]]) : null,
    summary,
    description: rng.chance(0.7) ? descriptionFor(typeId, area) : null,
    labels: [...labels],
    componentIds: [...new Set(componentIds)],
    fixVersionIds,
    assigneeAccountId: assignee,
    reporterAccountId: reporter,
    parentId: null,
    created: new Date(created).toISOString(),
    updated: new Date(updated).toISOString(),
    resolutionDate,
    changelog,
  };
}

function summaryFor(typeId: string, area: string, persona: string, rng: Rng): string {
  switch (typeId) {
    case TYPE.epic:
      return rng.pick(EPIC_TEMPLATES)(area);
    case TYPE.bug:
      return rng.pick(BUG_TEMPLATES)(area, rng);
    case TYPE.task:
      return rng.pick(TASK_TEMPLATES)(area, rng);
    case TYPE.subtask:
      return rng.pick(SUBTASK_TEMPLATES)(area);
    default:
      return cap(rng.pick(STORY_TEMPLATES)(area, persona, rng));
  }
}

function descriptionFor(typeId: string, area: string): string {
  if (typeId === TYPE.bug) return `Steps to reproduce: open ${area} and repeat the action twice. Expected: it succeeds once. Actual: see the summary.`;
  return `Scope: ${area}. Acceptance criteria are agreed with product and QA; see the linked design.`;
}
