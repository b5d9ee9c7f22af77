import { formatMinutes } from './incidents';
import type { HealthAggregates, HealthRow } from '../shared/health';

/**
 * Release health as people read it: the same words and numbers in the Health view's table, its
 * CSV, the macro and the macro's export (so what the charts summarise, the table spells out).
 * Pure: no React, no ADF.
 */

const dash = '–';
const days = (n: number) => `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
const signedDays = (n: number) => (n > 0 ? `+${days(n)}` : n === 0 ? 'on the day' : `-${days(-n)}`);

/** One line per aggregate figure: label, value and how it was counted. */
export function healthSummary(a: HealthAggregates): Array<{ label: string; value: string; detail: string }> {
  return [
    { label: 'On-time rate', value: a.onTime ? `${a.onTime.percent}%` : dash, detail: a.onTime ? `${a.onTime.onTime} of ${a.onTime.planned} releases with a planned date` : 'no release had a planned date' },
    { label: 'Mean slip', value: a.slip ? days(a.slip.meanDays) : dash, detail: a.slip ? `worst ${days(a.slip.maxDays)} late` : 'no release had a planned date' },
    { label: 'Scope churn after freeze', value: a.scopeChurn ? `${a.scopeChurn.percent}%` : dash, detail: a.scopeChurn ? `${a.scopeChurn.added} issues added to ${a.scopeChurn.atFreeze} frozen` : 'no release froze its scope' },
    { label: 'Overrides', value: String(a.overrides), detail: 'gate overrides' },
    { label: 'Released outside Preflight', value: String(a.releasedOutside), detail: 'released in Jira while gates blocked' },
    { label: 'QA rejections', value: String(a.qaRejections), detail: 'builds QA rejected' },
    { label: 'Change failure rate', value: a.changeFailureRate ? `${a.changeFailureRate.percent}%` : dash, detail: a.changeFailureRate ? `${a.changeFailureRate.failed} of ${a.changeFailureRate.total} live releases had an incident` : 'no release went live' },
    { label: 'Time to restore', value: a.timeToRestore ? formatMinutes(a.timeToRestore.medianMinutes) : dash, detail: a.timeToRestore ? `median of ${a.timeToRestore.restored} resolved incidents (mean ${formatMinutes(a.timeToRestore.meanMinutes)})` : 'no resolved incident' },
    { label: 'Lead time, freeze to production', value: a.leadTime ? formatMinutes(a.leadTime.medianMinutes) : dash, detail: a.leadTime ? `median of ${a.leadTime.measured} releases (mean ${formatMinutes(a.leadTime.meanMinutes)})` : 'no release with a freeze and a production deployment' },
    { label: 'Deployment frequency', value: a.deploymentFrequency ? `${a.deploymentFrequency.perWeek} a week` : dash, detail: a.deploymentFrequency ? `${a.deploymentFrequency.deployments} production deployments in ${a.deploymentFrequency.weeks} weeks` : 'no production deployment recorded' },
  ];
}

/** The per-release table's columns, in order. */
export const HEALTH_COLUMNS = ['Release', 'Released', 'Planned', 'Slip', 'Scope churn', 'Overrides', 'Released outside', 'QA rejections', 'Incidents', 'Time to restore', 'Lead time'] as const;

/** One release's cells, in HEALTH_COLUMNS order. */
export function healthCells(r: HealthRow): string[] {
  return [
    r.name,
    r.releasedOn ?? dash,
    r.plannedOn ?? (r.tracked ? 'no plan' : 'not tracked'),
    r.slipDays === undefined ? dash : signedDays(r.slipDays),
    r.addedAfterFreeze === undefined ? dash : `${r.addedAfterFreeze} added${r.churnPercent === undefined ? '' : ` (${r.churnPercent}%)`}`,
    String(r.overrides),
    r.releasedOutside ? 'yes' : 'no',
    String(r.qaRejections),
    String(r.incidents),
    r.restoreMinutes === undefined ? dash : formatMinutes(r.restoreMinutes),
    r.leadTimeMinutes === undefined ? dash : formatMinutes(r.leadTimeMinutes),
  ];
}

/** The table as CSV (RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets never run it as a formula). */
export function healthCsv(rows: readonly HealthRow[]): string {
  const quote = (cell: string) => {
    const safe = /^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [HEALTH_COLUMNS as readonly string[], ...rows.map(healthCells)].map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
}
