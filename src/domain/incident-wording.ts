import { instant, say, serverTranslator, text, type ServerMessageId } from '../i18n/server-translator';
import type { Translator } from '../shared/i18n/translator';
import type { ChangeFailureRateView, IncidentLineView, ReleaseIncidentReport } from '../shared/release-panel';

/**
 * Incident times as people read them, in the reader's language: a page's in the project's
 * language, a screen's in the person's. The views keep the minutes as numbers; these word them
 * at the edge through the `views` catalogue ("2 h 10 min", "2 Std. 10 Min.", "2時間10分").
 * In English the wording is the one src/shared/release-panel.ts keeps for the views' strings.
 */

type Reader = Translator<ServerMessageId>;

const english = () => serverTranslator('en');

/** A duration in minutes: "45 min", "2 h 10 min", "3 d 4 h" (days drop the minutes, as formatMinutes does). */
export function durationText(total: number, tr: Reader = english()): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = Math.round(total % 60);
  if (days > 0) return hours ? tr.t('views.duration.daysHours', { days, hours }) : tr.t('views.duration.days', { days });
  if (hours > 0) return mins ? tr.t('views.duration.hoursMinutes', { hours, mins }) : tr.t('views.duration.hours', { hours });
  return tr.t('views.duration.minutes', { mins });
}

/** Whole minutes from `from` to `to` (negative when `to` is earlier). */
export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** "+2 h 10 min after deployment", "-5 min before deployment": minutes from going live to the incident's start. */
export function relativeText(minutes: number, tr: Reader = english()): string {
  const duration = durationText(Math.abs(minutes), tr);
  return minutes < 0 ? tr.t('views.incident.before', { duration }) : tr.t('views.incident.after', { duration });
}

type Timed = Pick<IncidentLineView, 'startedAt' | 'resolvedAt' | 'startedRelative' | 'restoredAfter' | 'startedAfterMinutes' | 'restoredMinutes'>;

/**
 * "+2 h 10 min after deployment, resolved after 40 min", "started 2 Mar 2026, 02:10 UTC, still open".
 * From the view's minutes; a view without them (older) falls back to its worded strings.
 */
export function incidentTimingText(i: Timed, tr: Reader = english()): string {
  const started =
    i.startedAfterMinutes !== undefined ? relativeText(i.startedAfterMinutes, tr) : (i.startedRelative ?? say(tr, text('views.incident.startedAt', { at: instant(i.startedAt) })));
  if (!i.resolvedAt) return tr.t('views.incident.open', { started });
  const after = i.restoredMinutes !== undefined ? durationText(i.restoredMinutes, tr) : (i.restoredAfter ?? '?');
  return tr.t('views.incident.resolved', { started, after });
}

/** "Time to restore: 40 min on average (median 40 min, 1 incident resolved)". */
export function timeToRestoreText(ttr: Pick<NonNullable<ReleaseIncidentReport['timeToRestore']>, 'meanMinutes' | 'medianMinutes' | 'restored'>, tr: Reader = english()): string {
  return tr.t('views.incident.timeToRestore', { mean: durationText(ttr.meanMinutes, tr), median: durationText(ttr.medianMinutes, tr), restored: ttr.restored });
}

/** "Change failure rate: 20% (2 of the last 10 releases had an incident during bedding-in)". */
export function changeFailureText(cfr: Pick<ChangeFailureRateView, 'percent' | 'failed' | 'total'>, tr: Reader = english()): string {
  return tr.t('views.incident.changeFailureRate', { percent: tr.number(cfr.percent), failed: cfr.failed, total: cfr.total });
}
