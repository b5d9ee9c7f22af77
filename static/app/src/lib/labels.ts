import type { ThemeAppearance } from '@atlaskit/lozenge';
import type { GateView, PhaseView, ReleaseView, Role } from '../../../../src/shared/release-panel';
import type { ReleaseSummary } from '../../../../src/shared/releases';
import type { UiTranslator } from '../i18n/load-translator';

/**
 * Pure presentation rules shared by the screens: labels, lozenge colours and date formats. Kept
 * apart from the components so the wording stays the same on the list, the panel and the settings.
 */

/** Lozenge colour of a gate status (its words are in the catalogue: gateStatus). */
const GATE_APPEARANCE: Record<GateView['status'], ThemeAppearance> = { pass: 'success', warning: 'moved', fail: 'removed' };

/**
 * Unreleased versions first (the ones that need work), then released, then archived; the
 * server's order is kept inside each group, so Jira's own version order still shows.
 */
export function sortForList<T extends Pick<ReleaseSummary, 'archived' | 'released'>>(releases: readonly T[]): T[] {
  const rank = (r: T) => (r.archived ? 2 : r.released ? 1 : 0);
  return releases
    .map((release, index) => ({ release, index }))
    .sort((a, b) => rank(a.release) - rank(b.release) || a.index - b.index)
    .map(({ release }) => release);
}

/** The phase after the current one, or undefined when the release is in its last phase. */
export function nextPhase(phases: readonly PhaseView[], currentPhaseId: string): PhaseView | undefined {
  const index = phases.findIndex((p) => p.id === currentPhaseId);
  return index >= 0 ? phases[index + 1] : undefined;
}

/** Gates that would block leaving the phase (a warning does not block). */
export function failingGates(phase: PhaseView | undefined): GateView[] {
  return phase ? phase.gates.filter((g) => g.status === 'fail') : [];
}

/** Today as yyyy-mm-dd in local time, the format Jira's release date takes. */
export function todayIso(now: Date = new Date()): string {
  // The person's own calendar day, not UTC's: a release at 9 in the morning in Sydney is "today" there.
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Only https links become clickable: link text comes from people, and a `javascript:` URL in an
 * href would run in our frame. The server refuses other schemes too; this is the second guard.
 */
export function safeHttpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Versions newest first by name, comparing the numbers in them as numbers ("PAY 10.0" after
 * "PAY 9.1"), so the likely target of "move unfinished issues to" is at the top.
 */
export function newestFirst<T extends { name: string }>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true, sensitivity: 'base' }));
}

// ---- wording, in the person's language (static/app/src/i18n/messages/common.*.json) ----

export function roleName(t: UiTranslator, role: Role): string {
  return t.t(`common.role.${role}`);
}

export function releaseTypeName(t: UiTranslator, type: ReleaseView['releaseType']): string {
  return t.t(`common.releaseType.${type}`);
}

export function gateStatus(t: UiTranslator, status: GateView['status']): { label: string; appearance: ThemeAppearance } {
  return { label: t.t(`common.gateStatus.${status}`), appearance: GATE_APPEARANCE[status] };
}

export function gateKindName(t: UiTranslator, kind: GateView['kind']): string {
  return t.t(`common.gateKind.${kind}`);
}

/** Archived beats released beats overdue: an archived version needs no attention at all. */
export function versionStatusOf(t: UiTranslator, release: Pick<ReleaseSummary, 'archived' | 'released' | 'overdue'>): { label: string; appearance: ThemeAppearance } {
  if (release.archived) return { label: t.t('common.versionStatus.archived'), appearance: 'default' };
  if (release.released) return { label: t.t('common.versionStatus.released'), appearance: 'success' };
  if (release.overdue) return { label: t.t('common.versionStatus.overdue'), appearance: 'removed' };
  return { label: t.t('common.versionStatus.unreleased'), appearance: 'inprogress' };
}

/** "3 pass · 1 warning · 2 fail", or why there is nothing to count yet. */
export function gateSummaryText(t: UiTranslator, summary: ReleaseSummary['gateSummary']): string {
  if (!summary) return t.t('common.gateSummary.notEvaluated');
  return t.t('common.gateSummary.counts', { pass: summary.pass, warning: summary.warning, fail: summary.fail });
}

/** The wording of the advance button: the next phase by name, or completing the release. */
export function advanceLabelOf(t: UiTranslator, phases: readonly PhaseView[], currentPhaseId: string): string {
  const next = nextPhase(phases, currentPhaseId);
  return next ? t.t('common.advance.to', { phase: next.name }) : t.t('common.advance.complete');
}

/** An ISO instant as "3 Mar 2025, 14:05" in the person's language and time zone; unparseable input as it came. */
export function instantText(t: UiTranslator, iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : t.dateTime(iso, { dateStyle: 'medium', timeStyle: 'short' });
}
