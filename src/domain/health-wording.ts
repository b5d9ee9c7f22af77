import type { ServerMessageId } from '../i18n/server-translator';
import type { Translator } from '../shared/i18n/translator';
import type { HealthAggregates, HealthRow } from '../shared/health';
import { durationText } from './incident-wording';

/**
 * Release health in a page's language (the macro's Word/PDF export, in the project's language):
 * the same figures and cells as src/domain/health-table, worded through the `pages` catalogue.
 * In English the words are health-table's (which stays English for the CSV scripts read), except
 * that a count of one reads singular ("1 resolved incident"). Days stay ISO, as in the CSV.
 * Backend only: the Custom UI words its own table (static/app/src/health/health-text.ts).
 */

type Reader = Translator<ServerMessageId>;

const dash = '–';

const percent = (tr: Reader, value: number) => tr.t('pages.health.percent', { value });
const days = (tr: Reader, count: number) => tr.t('pages.health.days', { count });

/** One line per aggregate figure (healthSummary's order): label, value and how it was counted. */
export function healthSummaryWords(a: HealthAggregates, tr: Reader): Array<{ label: string; value: string; detail: string }> {
  const { t } = tr;
  const duration = (minutes: number) => durationText(minutes, tr);
  return [
    {
      label: t('pages.health.label.onTime'),
      value: a.onTime ? percent(tr, a.onTime.percent) : dash,
      detail: a.onTime ? t('pages.health.detail.onTime', { onTime: a.onTime.onTime, planned: a.onTime.planned }) : t('pages.health.detail.noPlan'),
    },
    {
      label: t('pages.health.label.slip'),
      value: a.slip ? days(tr, a.slip.meanDays) : dash,
      detail: a.slip ? t('pages.health.detail.slip', { worst: days(tr, a.slip.maxDays) }) : t('pages.health.detail.noPlan'),
    },
    {
      label: t('pages.health.label.churn'),
      value: a.scopeChurn ? percent(tr, a.scopeChurn.percent) : dash,
      detail: a.scopeChurn ? t('pages.health.detail.churn', { added: a.scopeChurn.added, atFreeze: a.scopeChurn.atFreeze }) : t('pages.health.detail.noFreeze'),
    },
    { label: t('pages.health.label.overrides'), value: tr.number(a.overrides), detail: t('pages.health.detail.overrides') },
    { label: t('pages.health.label.outside'), value: tr.number(a.releasedOutside), detail: t('pages.health.detail.outside') },
    { label: t('pages.health.label.qa'), value: tr.number(a.qaRejections), detail: t('pages.health.detail.qa') },
    {
      label: t('pages.health.label.cfr'),
      value: a.changeFailureRate ? percent(tr, a.changeFailureRate.percent) : dash,
      detail: a.changeFailureRate ? t('pages.health.detail.cfr', { failed: a.changeFailureRate.failed, total: a.changeFailureRate.total }) : t('pages.health.detail.noLive'),
    },
    {
      label: t('pages.health.label.restore'),
      value: a.timeToRestore ? duration(a.timeToRestore.medianMinutes) : dash,
      detail: a.timeToRestore ? t('pages.health.detail.restore', { count: a.timeToRestore.restored, mean: duration(a.timeToRestore.meanMinutes) }) : t('pages.health.detail.noRestore'),
    },
    {
      label: t('pages.health.label.lead'),
      value: a.leadTime ? duration(a.leadTime.medianMinutes) : dash,
      detail: a.leadTime ? t('pages.health.detail.lead', { count: a.leadTime.measured, mean: duration(a.leadTime.meanMinutes) }) : t('pages.health.detail.noLead'),
    },
    {
      label: t('pages.health.label.frequency'),
      value: a.deploymentFrequency ? t('pages.health.perWeek', { value: a.deploymentFrequency.perWeek }) : dash,
      detail: a.deploymentFrequency
        ? t('pages.health.detail.frequency', { deployments: a.deploymentFrequency.deployments, weeks: a.deploymentFrequency.weeks })
        : t('pages.health.detail.noDeployment'),
    },
  ];
}

/** The per-release table's column headings, in HEALTH_COLUMNS order. */
export function healthColumnWords(tr: Reader): string[] {
  const columns = ['release', 'released', 'planned', 'slip', 'churn', 'overrides', 'outside', 'qa', 'incidents', 'restore', 'lead'] as const;
  return columns.map((c) => tr.t(`pages.health.column.${c}`));
}

/** One release's cells, in HEALTH_COLUMNS order. */
export function healthCellWords(r: HealthRow, tr: Reader): string[] {
  const { t } = tr;
  const slip = (n: number) => (n === 0 ? t('pages.health.onTheDay') : t(n > 0 ? 'pages.health.late' : 'pages.health.early', { count: Math.abs(n) }));
  return [
    r.name,
    r.releasedOn ?? dash,
    r.plannedOn ?? t(r.tracked ? 'pages.health.noPlan' : 'pages.health.notTracked'),
    r.slipDays === undefined ? dash : slip(r.slipDays),
    r.addedAfterFreeze === undefined
      ? dash
      : r.churnPercent === undefined
        ? t('pages.health.added', { count: r.addedAfterFreeze })
        : t('pages.health.addedPercent', { count: r.addedAfterFreeze, percent: r.churnPercent }),
    tr.number(r.overrides),
    t(r.releasedOutside ? 'pages.health.yes' : 'pages.health.no'),
    tr.number(r.qaRejections),
    tr.number(r.incidents),
    r.restoreMinutes === undefined ? dash : durationText(r.restoreMinutes, tr),
    r.leadTimeMinutes === undefined ? dash : durationText(r.leadTimeMinutes, tr),
  ];
}
