import type { HealthAggregates, HealthRow } from '../../../../src/shared/health';
import type { UiTranslator } from '../i18n/load-translator';

/**
 * Release health in the person's language: the same figures and cells as src/domain/health-table
 * (which stays the CSV's and the macro export's English), worded through the catalogue, with
 * numbers and dates through Intl.
 */

const dash = '–';

/** "2 d 3 h", "5 h 20 min", "45 min". */
export function durationText(tr: UiTranslator, total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = Math.round(total % 60);
  if (days > 0) return hours ? tr.t('portfolio.health.duration.daysHours', { days, hours }) : tr.t('portfolio.health.duration.days', { days });
  if (hours > 0) return mins ? tr.t('portfolio.health.duration.hoursMinutes', { hours, mins }) : tr.t('portfolio.health.duration.hours', { hours });
  return tr.t('portfolio.health.duration.minutes', { mins });
}

const percent = (tr: UiTranslator, value: number) => tr.t('portfolio.health.percent', { value });
const days = (tr: UiTranslator, count: number) => tr.t('portfolio.health.days', { count });

export const HEALTH_FIGURES = ['onTime', 'slip', 'churn', 'overrides', 'outside', 'qa', 'cfr', 'restore', 'lead', 'frequency'] as const;

/** One line per aggregate figure: label, value and how it was counted. */
export function healthSummaryText(tr: UiTranslator, a: HealthAggregates): Array<{ key: string; label: string; value: string; detail: string }> {
  const { t } = tr;
  const row = (key: (typeof HEALTH_FIGURES)[number], value: string, detail: string) => ({ key, label: t(`portfolio.health.figure.${key}`), value, detail });
  return [
    row('onTime', a.onTime ? percent(tr, a.onTime.percent) : dash, a.onTime ? t('portfolio.health.detail.onTime', { onTime: a.onTime.onTime, planned: a.onTime.planned }) : t('portfolio.health.detail.noPlan')),
    row('slip', a.slip ? days(tr, a.slip.meanDays) : dash, a.slip ? t('portfolio.health.detail.slip', { worst: days(tr, a.slip.maxDays) }) : t('portfolio.health.detail.noPlan')),
    row('churn', a.scopeChurn ? percent(tr, a.scopeChurn.percent) : dash, a.scopeChurn ? t('portfolio.health.detail.churn', { added: a.scopeChurn.added, atFreeze: a.scopeChurn.atFreeze }) : t('portfolio.health.detail.noFreeze')),
    row('overrides', tr.number(a.overrides), t('portfolio.health.detail.overrides')),
    row('outside', tr.number(a.releasedOutside), t('portfolio.health.detail.outside')),
    row('qa', tr.number(a.qaRejections), t('portfolio.health.detail.qa')),
    row('cfr', a.changeFailureRate ? percent(tr, a.changeFailureRate.percent) : dash, a.changeFailureRate ? t('portfolio.health.detail.cfr', { failed: a.changeFailureRate.failed, total: a.changeFailureRate.total }) : t('portfolio.health.detail.noLive')),
    row('restore', a.timeToRestore ? durationText(tr, a.timeToRestore.medianMinutes) : dash, a.timeToRestore ? t('portfolio.health.detail.restore', { count: a.timeToRestore.restored, mean: durationText(tr, a.timeToRestore.meanMinutes) }) : t('portfolio.health.detail.noRestore')),
    row('lead', a.leadTime ? durationText(tr, a.leadTime.medianMinutes) : dash, a.leadTime ? t('portfolio.health.detail.lead', { count: a.leadTime.measured, mean: durationText(tr, a.leadTime.meanMinutes) }) : t('portfolio.health.detail.noLead')),
    row('frequency', a.deploymentFrequency ? t('portfolio.health.perWeek', { value: a.deploymentFrequency.perWeek }) : dash, a.deploymentFrequency ? t('portfolio.health.detail.frequency', { deployments: a.deploymentFrequency.deployments, weeks: a.deploymentFrequency.weeks }) : t('portfolio.health.detail.noDeployment')),
  ];
}

/** The per-release table's columns, in order. */
export const HEALTH_TABLE_COLUMNS = ['release', 'released', 'planned', 'slip', 'churn', 'overrides', 'outside', 'qa', 'incidents', 'restore', 'lead'] as const;

/** One release's cells, in HEALTH_TABLE_COLUMNS order. */
export function healthCellsText(tr: UiTranslator, r: HealthRow): string[] {
  const { t } = tr;
  const slip = (n: number) => (n === 0 ? t('portfolio.health.onTheDay') : t(n > 0 ? 'portfolio.health.late' : 'portfolio.health.early', { count: Math.abs(n) }));
  return [
    r.name,
    r.releasedOn ? tr.day(r.releasedOn) : dash,
    r.plannedOn ? tr.day(r.plannedOn) : t(r.tracked ? 'portfolio.health.noPlan' : 'portfolio.health.notTracked'),
    r.slipDays === undefined ? dash : slip(r.slipDays),
    r.addedAfterFreeze === undefined ? dash : r.churnPercent === undefined ? t('portfolio.health.added', { count: r.addedAfterFreeze }) : t('portfolio.health.addedPercent', { count: r.addedAfterFreeze, percent: r.churnPercent }),
    tr.number(r.overrides),
    t(r.releasedOutside ? 'portfolio.health.yes' : 'portfolio.health.no'),
    tr.number(r.qaRejections),
    tr.number(r.incidents),
    r.restoreMinutes === undefined ? dash : durationText(tr, r.restoreMinutes),
    r.leadTimeMinutes === undefined ? dash : durationText(tr, r.leadTimeMinutes),
  ];
}
