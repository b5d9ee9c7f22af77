import type { ReleaseOrder, ReleaseStatusFilter, ReleaseSummary } from '../../../../src/shared/releases';
import type { UiTranslator } from '../i18n/load-translator';

/**
 * What the Releases overview is narrowed by, and how it travels in the page URL so a filtered
 * view can be shared. `query`, `status` and `orderBy` go to Jira (through `releases/list`);
 * phase, release type and "needs attention" narrow the versions already loaded.
 */
export interface OverviewFilters {
  query: string;
  status: ReleaseStatusFilter[];
  orderBy?: ReleaseOrder;
  phase?: string;
  releaseType?: NonNullable<ReleaseSummary['releaseType']>;
  needsAttention: boolean;
}

export const DEFAULT_STATUS: ReleaseStatusFilter[] = ['unreleased', 'released'];
const STATUS_ORDER: ReleaseStatusFilter[] = ['unreleased', 'released', 'archived'];
const ORDERS: readonly ReleaseOrder[] = ['releaseDate', '-releaseDate', 'name', '-name', 'sequence', '-sequence'];
const TYPES = ['major', 'minor', 'hotfix'] as const;

export const NO_FILTERS: OverviewFilters = { query: '', status: DEFAULT_STATUS, needsAttention: false };

/** Reads filters from a URL search string; anything unknown or malformed falls back to the default. */
export function filtersFromSearch(search: string): OverviewFilters {
  const params = new URLSearchParams(search);
  const query = (params.get('q') ?? '').trim().slice(0, 100);
  const statusParam = params.get('status');
  const status = statusParam === null ? DEFAULT_STATUS : STATUS_ORDER.filter((s) => statusParam.split(',').includes(s));
  const sort = params.get('sort');
  const type = params.get('type');
  return {
    query,
    status: status.length > 0 ? status : DEFAULT_STATUS,
    orderBy: ORDERS.find((o) => o === sort),
    phase: params.get('phase')?.slice(0, 100) || undefined,
    releaseType: TYPES.find((t) => t === type),
    needsAttention: params.get('attention') === '1',
  };
}

/** The URL search for the filters ('' when nothing differs from the default view). */
export function searchFromFilters(filters: OverviewFilters): string {
  const params = new URLSearchParams();
  if (filters.query.trim()) params.set('q', filters.query.trim());
  const status = STATUS_ORDER.filter((s) => filters.status.includes(s));
  if (status.join(',') !== DEFAULT_STATUS.join(',')) params.set('status', status.join(','));
  if (filters.orderBy) params.set('sort', filters.orderBy);
  if (filters.phase) params.set('phase', filters.phase);
  if (filters.releaseType) params.set('type', filters.releaseType);
  if (filters.needsAttention) params.set('attention', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The part of the filters Jira applies: a new first page is loaded whenever it changes. */
export function serverQuery(filters: OverviewFilters): { query?: string; status: ReleaseStatusFilter[]; orderBy?: ReleaseOrder } {
  const query = filters.query.trim();
  return {
    ...(query ? { query } : {}),
    status: STATUS_ORDER.filter((s) => filters.status.includes(s)),
    ...(filters.orderBy ? { orderBy: filters.orderBy } : {}),
  };
}

export function hasClientFilters(filters: OverviewFilters): boolean {
  return filters.phase !== undefined || filters.releaseType !== undefined || filters.needsAttention;
}

export function hasAnyFilter(filters: OverviewFilters): boolean {
  return searchFromFilters(filters) !== '';
}

/** The loaded versions that pass the phase, release type and "needs attention" filters. */
export function applyClientFilters(releases: readonly ReleaseSummary[], filters: OverviewFilters): ReleaseSummary[] {
  return releases.filter(
    (r) =>
      (filters.phase === undefined || r.phase.name === filters.phase) &&
      (filters.releaseType === undefined || r.releaseType === filters.releaseType) &&
      (!filters.needsAttention || r.attention.length > 0),
  );
}

/** The phase names present in the loaded versions, in first-seen order (the filter's choices). */
export function phasesPresent(releases: readonly ReleaseSummary[]): string[] {
  return [...new Set(releases.map((r) => r.phase.name))];
}

/** "37 done, 24 in progress, 0 to do": the progress bar's words for hover and screen readers. */
export function describeProgress(t: UiTranslator, counts: ReleaseSummary['issueCounts']): string {
  return t.t('releases.progress.text', { done: counts.done, inProgress: counts.inProgress, toDo: counts.toDo });
}
