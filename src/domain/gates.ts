import type { DeploymentStatus } from './deployments';
import type { AutoCheck, Gate, PreflightRole } from './template';
import { day, english, instant, text, type ServerMessageId, type Text, type TextValue } from '../i18n/server-translator';

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
  /** Why, in English with ISO dates: for logs, the CLI and the go/no-go record. */
  reason: string;
  /** Why, as a message id and values: what the views show in the reader's language (evaluateGate always sets it). */
  text?: Text;
  issues?: IssueListKey;
}

type Outcome = Omit<GateResult, 'gateId' | 'name' | 'kind'>;

function outcome(status: GateStatus, id: ServerMessageId, values?: Record<string, TextValue>, issues?: IssueListKey): Outcome {
  const said = text(id, values);
  return { status, reason: english(said), text: said, ...(issues && { issues }) };
}

/** A role in the reader's language. */
export const roleText = (role: PreflightRole): Text => text(`views.role.${role}` as ServerMessageId);

function evaluateAuto(check: AutoCheck, f: ReleaseFacts): Outcome {
  switch (check) {
    case 'version-has-issues':
      return f.issueCount > 0 ? outcome('pass', 'views.gate.hasIssues', { count: f.issueCount }) : outcome('fail', 'views.gate.noIssuesYet');
    case 'release-date-in-future':
      if (!f.releaseDate) return outcome('fail', 'views.gate.noReleaseDate');
      if (f.releaseDate < f.today) return outcome('fail', 'views.gate.releaseDatePassed', { date: day(f.releaseDate) });
      if (f.releaseDate === f.today) return outcome('warning', 'views.gate.releaseDateToday');
      return outcome('pass', 'views.gate.releaseDate', { date: day(f.releaseDate) });
    case 'all-issues-done': {
      const open = f.issueCount - f.doneCount;
      if (f.issueCount === 0) return outcome('fail', 'views.gate.noIssues');
      return open === 0 ? outcome('pass', 'views.gate.allDone', { count: f.issueCount }) : outcome('fail', 'views.gate.notDone', { open, count: f.issueCount }, 'not-done');
    }
    case 'no-open-blockers':
      return f.openBlockers === 0 ? outcome('pass', 'views.gate.noBlockers') : outcome('fail', 'views.gate.openBlockers', { count: f.openBlockers }, 'open-blockers');
    case 'qa-approved-current-build':
      if (f.qaPending === undefined) return outcome('fail', 'views.gate.noBuild');
      return f.qaPending === 0 ? outcome('pass', 'views.gate.qaApproved') : outcome('fail', 'views.gate.qaPending', { count: f.qaPending }, 'qa-pending');
    case 'scope-changes-resolved':
      if (!f.frozen) return outcome('pass', 'views.gate.notFrozen');
      return f.pendingScopeChanges === 0
        ? outcome('pass', 'views.gate.scopeResolved')
        : outcome('fail', 'views.gate.scopeAdded', { count: f.pendingScopeChanges }, 'scope-added');
    case 'release-notes-published':
      if (!f.releaseNotesPublished) return outcome('fail', 'views.gate.noNotes');
      // A page that lists other work than what shipped is not published notes: it fails. Notes
      // that are right but still say "planned" after the release only warn.
      if (f.releaseNotesStale) return outcome(f.releaseNotesStale.changed > 0 ? 'fail' : 'warning', 'views.gate.notesStale', { message: f.releaseNotesStale.message });
      return outcome('pass', 'views.gate.notesPublished');
    case 'version-released':
      return f.released ? outcome('pass', 'views.gate.released') : outcome('fail', 'views.gate.notReleased');
    case 'deployed-to-production':
      return deployedToProduction(f);
    case 'no-open-severe-incident':
      if (!f.incidents || f.incidents.openSevere === 0) {
        return f.incidents && f.incidents.total > 0 ? outcome('pass', 'views.gate.noSevereOf', { count: f.incidents.total }) : outcome('pass', 'views.gate.noIncident');
      }
      return outcome('fail', 'views.gate.severeOpen', { count: f.incidents.openSevere });
    case 'bedding-in-clean':
      return beddingInClean(f);
    case 'retrospective-published':
      return f.retrospectivePublished ? outcome('pass', 'views.gate.retroPublished') : outcome('fail', 'views.gate.noRetro');
  }
}

/**
 * Passes once the build under test's latest production deployment succeeded. Anything else fails,
 * a deployment still pending or in progress included: the Deployment phase is not done while the
 * build is on its way, and a warning would not hold the phase.
 */
function deployedToProduction(f: ReleaseFacts): Outcome {
  if (!f.buildUnderTest) return outcome('fail', 'views.gate.noBuild');
  const d = f.production;
  if (!d || d.build !== f.buildUnderTest) return outcome('fail', 'views.gate.notDeployed', { build: f.buildUnderTest });
  const where = d.environment && d.environment.toLowerCase() !== 'production' ? text('views.gate.productionNamed', { environment: d.environment }) : text('views.gate.production');
  const values = { build: d.build, where, when: instant(d.at) };
  switch (d.status) {
    case 'successful':
      return outcome('pass', 'views.gate.deployed', values);
    case 'pending':
    case 'in_progress':
      return outcome('fail', 'views.gate.deploying', { ...values, status: d.status });
    case 'failed':
    case 'rolled_back':
    case 'cancelled':
      return outcome('fail', 'views.gate.deployFailed', { ...values, status: d.status });
    case 'unknown':
      return outcome('fail', 'views.gate.deployUnknown', values);
  }
}

/**
 * Fails while the bedding-in window still runs (the verdict is not in yet) and after it when any
 * incident happened in it; passes once the window ended without one.
 */
function beddingInClean(f: ReleaseFacts): Outcome {
  const ends = f.incidents?.beddingInEndsAt;
  if (!f.incidents || !ends) return outcome('fail', 'views.gate.beddingInNotStarted');
  const until = day(ends.slice(0, 10));
  const count = f.incidents.total;
  if (ends.slice(0, 10) >= f.today) return outcome('fail', 'views.gate.beddingInRunning', { date: until, count });
  return count === 0 ? outcome('pass', 'views.gate.beddingInClean', { date: until }) : outcome('fail', 'views.gate.beddingInIncidents', { date: until, count });
}

export function evaluateGate(gate: Gate, facts: ReleaseFacts, records: GateRecords): GateResult {
  const base = { gateId: gate.id, name: gate.name, kind: gate.kind };
  switch (gate.kind) {
    case 'auto':
      return { ...base, ...evaluateAuto(gate.check, facts) };
    case 'manual': {
      const tick = records.checklist[gate.id];
      if (!tick) return { ...base, ...outcome('fail', 'views.gate.notDoneYet') };
      if (gate.requiresLink && !tick.link) return { ...base, ...outcome('fail', 'views.gate.linkMissing') };
      return { ...base, ...outcome('pass', 'views.gate.doneOn', { date: day(tick.at.slice(0, 10)) }) };
    }
    case 'signoff': {
      const signed = records.signoffs[gate.id] ?? {};
      const waiting = gate.roles.filter((role) => !signed[role]);
      if (waiting.length === 0) return { ...base, ...outcome('pass', 'views.gate.signedOff') };
      const names = { list: waiting.map(roleText) };
      const signedBy = gate.roles.filter((role) => signed[role]).map(roleText);
      // A go/no-go needs every named role: partly signed still blocks, so it shows as failing.
      return { ...base, ...(signedBy.length > 0 ? outcome('fail', 'views.gate.waitingSigned', { names, signed: { list: signedBy } }) : outcome('fail', 'views.gate.waiting', { names })) };
    }
  }
}

/** A phase may be left when no gate fails; a warning (say, the release date is today) does not block. */
export function blockingGates(results: GateResult[]): GateResult[] {
  return results.filter((r) => r.status === 'fail');
}
