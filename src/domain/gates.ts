import type { DeploymentStatus } from './deployments';
import type { AutoCheck, Gate, PreflightRole } from './template';
import { ROLE_LABELS } from './template';

/**
 * Gate evaluation: pure, from facts gathered at constant cost (counts, not issue lists) and the
 * release's own record. Each result says why, and auto gates name the issue list behind them so
 * the panel can load it on demand.
 */

export type GateStatus = 'pass' | 'fail' | 'warning';

/** Issue lists the panel can open behind a failing auto gate; the adapter turns each into JQL. */
export type IssueListKey = 'not-done' | 'open-blockers' | 'qa-pending' | 'scope-added';

export interface ReleaseFacts {
  /** yyyy-mm-dd, the day the evaluation is for. */
  today: string;
  issueCount: number;
  doneCount: number;
  openBlockers: number;
  /** Issues of the QA-required types without an approval of the current build; undefined when no build is set. */
  qaPending: number | undefined;
  releaseDate: string | undefined;
  released: boolean;
  /** Issues added after the freeze that nobody has accepted or removed yet. */
  pendingScopeChanges: number;
  frozen: boolean;
  releaseNotesPublished: boolean;
  /**
   * Set when the published notes no longer match the shipped scope (see `notesStaleness`):
   * `changed` issues differ, or notes published as planned still say so after the release.
   */
  releaseNotesStale?: { changed: number; message: string };
  retrospectivePublished: boolean;
  /** The build under test's id, when one is set (the Deployment gate names it). */
  buildUnderTest?: string;
  /**
   * The latest production deployment of the build under test, whatever its status (a later
   * failed or rolled-back one counts against the build); undefined before CI reported one.
   */
  production?: { build: string; status: DeploymentStatus; at: string; environment?: string };
  /**
   * The release's incidents from monitoring (one KVS query) and when its bedding-in ends (its
   * production deployment, else release day, plus the project's bedding-in days); undefined where
   * incidents are not read.
   */
  incidents?: { openSevere: number; total: number; beddingInEndsAt?: string };
}

export interface ChecklistTick {
  by: string;
  at: string;
  link?: string;
}

export interface Signature {
  by: string;
  at: string;
}

/** What the release itself records about its manual gates and sign-offs. */
export interface GateRecords {
  checklist: Record<string, ChecklistTick>;
  signoffs: Record<string, Partial<Record<PreflightRole, Signature>>>;
}

export interface GateResult {
  gateId: string;
  name: string;
  kind: Gate['kind'];
  status: GateStatus;
  reason: string;
  issues?: IssueListKey;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function evaluateAuto(check: AutoCheck, f: ReleaseFacts): Omit<GateResult, 'gateId' | 'name' | 'kind'> {
  switch (check) {
    case 'version-has-issues':
      return f.issueCount > 0
        ? { status: 'pass', reason: `${plural(f.issueCount, 'issue')} in the version` }
        : { status: 'fail', reason: 'The version has no issues yet' };
    case 'release-date-in-future':
      if (!f.releaseDate) return { status: 'fail', reason: 'No release date set on the Jira version' };
      if (f.releaseDate < f.today) return { status: 'fail', reason: `The release date ${f.releaseDate} has passed` };
      if (f.releaseDate === f.today) return { status: 'warning', reason: 'The release date is today' };
      return { status: 'pass', reason: `Release date ${f.releaseDate}` };
    case 'all-issues-done': {
      const open = f.issueCount - f.doneCount;
      if (f.issueCount === 0) return { status: 'fail', reason: 'The version has no issues' };
      return open === 0
        ? { status: 'pass', reason: `All ${plural(f.issueCount, 'issue')} done` }
        : { status: 'fail', reason: `${open} of ${plural(f.issueCount, 'issue')} not done`, issues: 'not-done' };
    }
    case 'no-open-blockers':
      return f.openBlockers === 0
        ? { status: 'pass', reason: 'No open blocker bugs' }
        : { status: 'fail', reason: `${plural(f.openBlockers, 'open blocker bug')}`, issues: 'open-blockers' };
    case 'qa-approved-current-build':
      if (f.qaPending === undefined) return { status: 'fail', reason: 'No build under test is set' };
      return f.qaPending === 0
        ? { status: 'pass', reason: 'QA approved the current build on every issue that needs QA' }
        : { status: 'fail', reason: `${plural(f.qaPending, 'issue')} still need QA approval of the current build`, issues: 'qa-pending' };
    case 'scope-changes-resolved':
      if (!f.frozen) return { status: 'pass', reason: 'Scope is not frozen yet' };
      return f.pendingScopeChanges === 0
        ? { status: 'pass', reason: 'No unresolved scope changes since the freeze' }
        : { status: 'fail', reason: `${plural(f.pendingScopeChanges, 'issue')} added after the freeze need accepting or removing`, issues: 'scope-added' };
    case 'release-notes-published':
      if (!f.releaseNotesPublished) return { status: 'fail', reason: 'No release notes page published yet' };
      // A page that lists other work than what shipped is not published notes: it fails. Notes
      // that are right but still say "planned" after the release only warn.
      if (f.releaseNotesStale) return { status: f.releaseNotesStale.changed > 0 ? 'fail' : 'warning', reason: f.releaseNotesStale.message };
      return { status: 'pass', reason: 'Release notes page published and up to date' };
    case 'version-released':
      return f.released ? { status: 'pass', reason: 'Released in Jira' } : { status: 'fail', reason: 'The Jira version is not released yet' };
    case 'deployed-to-production':
      return deployedToProduction(f);
    case 'no-open-severe-incident':
      if (!f.incidents || f.incidents.openSevere === 0) {
        return { status: 'pass', reason: f.incidents && f.incidents.total > 0 ? `No open incident of severity 1-2 (${plural(f.incidents.total, 'incident')} recorded)` : 'No incident recorded' };
      }
      return { status: 'fail', reason: `${plural(f.incidents.openSevere, 'open incident')} of severity 1-2` };
    case 'bedding-in-clean':
      return beddingInClean(f);
    case 'retrospective-published':
      return f.retrospectivePublished
        ? { status: 'pass', reason: 'Retrospective page published' }
        : { status: 'fail', reason: 'No retrospective page published yet' };
  }
}

/**
 * Passes once the build under test's latest production deployment succeeded. Anything else fails,
 * a deployment still pending or in progress included: the Deployment phase is not done while the
 * build is on its way, and a warning would not hold the phase.
 */
function deployedToProduction(f: ReleaseFacts): Omit<GateResult, 'gateId' | 'name' | 'kind'> {
  if (!f.buildUnderTest) return { status: 'fail', reason: 'No build under test is set' };
  const d = f.production;
  if (!d || d.build !== f.buildUnderTest) return { status: 'fail', reason: `No production deployment of ${f.buildUnderTest} reported yet` };
  const where = d.environment && d.environment.toLowerCase() !== 'production' ? `production (${d.environment})` : 'production';
  const when = d.at.slice(0, 16).replace('T', ' ');
  switch (d.status) {
    case 'successful':
      return { status: 'pass', reason: `${d.build} deployed to ${where} successfully at ${when} UTC` };
    case 'pending':
    case 'in_progress':
      return { status: 'fail', reason: `${d.build} is still being deployed to ${where} (${d.status.replace('_', ' ')})` };
    case 'failed':
    case 'rolled_back':
    case 'cancelled':
      return { status: 'fail', reason: `The production deployment of ${d.build} ${d.status === 'rolled_back' ? 'was rolled back' : d.status === 'cancelled' ? 'was cancelled' : 'failed'} at ${when} UTC` };
    case 'unknown':
      return { status: 'fail', reason: `The production deployment of ${d.build} reported an unknown outcome at ${when} UTC` };
  }
}

/**
 * Fails while the bedding-in window still runs (the verdict is not in yet) and after it when any
 * incident happened in it; passes once the window ended without one.
 */
function beddingInClean(f: ReleaseFacts): Omit<GateResult, 'gateId' | 'name' | 'kind'> {
  const ends = f.incidents?.beddingInEndsAt;
  if (!f.incidents || !ends) return { status: 'fail', reason: 'Bedding-in starts when the release reaches production' };
  const day = ends.slice(0, 10);
  const so = plural(f.incidents.total, 'incident');
  if (day >= f.today) return { status: 'fail', reason: `Bedding-in until ${day}: ${so} so far` };
  return f.incidents.total === 0
    ? { status: 'pass', reason: `Bedding-in ended ${day} without an incident` }
    : { status: 'fail', reason: `${so} during bedding-in (ended ${day})` };
}

export function evaluateGate(gate: Gate, facts: ReleaseFacts, records: GateRecords): GateResult {
  const base = { gateId: gate.id, name: gate.name, kind: gate.kind };
  switch (gate.kind) {
    case 'auto':
      return { ...base, ...evaluateAuto(gate.check, facts) };
    case 'manual': {
      const tick = records.checklist[gate.id];
      if (!tick) return { ...base, status: 'fail', reason: 'Not done yet' };
      if (gate.requiresLink && !tick.link) return { ...base, status: 'fail', reason: 'Ticked, but the link is missing' };
      return { ...base, status: 'pass', reason: `Done on ${tick.at.slice(0, 10)}` };
    }
    case 'signoff': {
      const signed = records.signoffs[gate.id] ?? {};
      const waiting = gate.roles.filter((role) => !signed[role]);
      if (waiting.length === 0) return { ...base, status: 'pass', reason: 'Signed off' };
      const names = waiting.map((r) => ROLE_LABELS[r]).join(', ');
      const signedBy = gate.roles.filter((role) => signed[role]).map((r) => ROLE_LABELS[r]);
      // A go/no-go needs every named role: partly signed still blocks, so it shows as failing.
      return { ...base, status: 'fail', reason: `Waiting for: ${names}${signedBy.length > 0 ? ` (signed: ${signedBy.join(', ')})` : ''}` };
    }
  }
}

/** A phase may be left when no gate fails; a warning (say, the release date is today) does not block. */
export function blockingGates(results: GateResult[]): GateResult[] {
  return results.filter((r) => r.status === 'fail');
}
