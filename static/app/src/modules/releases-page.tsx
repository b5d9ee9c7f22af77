import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Suspense, lazy, useCallback, useMemo, useRef } from 'react';
import { useForgeHistory } from '../bridge/use-forge-history';
import { CenteredSpinner } from '../components/centered-spinner';
import { ViewTabs } from '../components/view-tabs';
import { filtersFromSearch, searchFromFilters, type OverviewFilters } from '../releases/overview-filters';
import { useT } from '../i18n/use-t';
import { ReleasesList } from '../releases/releases-list';

// The panel is the heaviest screen (modal, select, progress tracker); the list does not wait for it.
const ReleasePanel = lazy(() => import('../release-panel/release-panel'));
// The calendar and the health charts load only when their view is opened (the chart library stays out of the list).
const ProjectCalendar = lazy(() => import('../calendar/project-calendar'));
const ProjectHealth = lazy(() => import('../health/project-health'));

/** `/<versionId>` inside the module opens that version's panel; anything else is the list. */
export function versionIdFromPath(pathname: string | undefined): string | undefined {
  const match = /^\/(\d{1,18})\/?$/.exec(pathname ?? '');
  return match?.[1];
}

const VIEWS = ['releases', 'calendar', 'health'] as const;

/** `/calendar` and `/health` are the project's other views; everything else belongs to the list. */
export function viewFromPath(pathname: string | undefined): 'releases' | 'calendar' | 'health' {
  const first = /^\/([a-z]+)\/?$/.exec(pathname ?? '')?.[1];
  return first === 'calendar' || first === 'health' ? first : 'releases';
}

/**
 * The Jira project page "Releases" (module `preflight-releases`): the list of versions, each
 * version's release panel at its own deep link, the project's release calendar and its release
 * health (the Forge router history, mirrored in the URL).
 */
export default function ReleasesPage() {
  const { t } = useT();
  const route = useForgeHistory();
  const { replace, search } = route;
  // The list's filters live in the URL query, so a filtered view can be shared and Back returns to it.
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const listSearch = useRef('');
  const versionId = versionIdFromPath(route.pathname);
  const view = viewFromPath(route.pathname);
  if (!versionId && view === 'releases') listSearch.current = search;
  const changeFilters = useCallback((next: OverviewFilters) => replace(`/${searchFromFilters(next)}`), [replace]);
  const changeViewSearch = useCallback((next: string) => replace(`/${view}${next}`), [replace, view]);
  if (route.pathname === undefined) return <CenteredSpinner label={t('releases.list.loading')} />;

  if (versionId) {
    return (
      <Box padding="space.200">
        <Suspense fallback={<CenteredSpinner label={t('releases.page.loadingRelease')} />}>
          <ReleasePanel versionId={versionId} onBack={() => route.push(`/${listSearch.current}`)} />
        </Suspense>
      </Box>
    );
  }
  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Heading size="large">{t('releases.page.heading')}</Heading>
        <ViewTabs label={t('releases.page.views')} tabs={VIEWS.map((id) => ({ id, label: t(`releases.page.view.${id}`) }))} current={view} onSelect={(id) => route.push(id === 'releases' ? `/${listSearch.current}` : `/${id}`)} />
        {view === 'releases' && <ReleasesList filters={filters} onFiltersChange={changeFilters} onOpen={(id) => route.push(`/${id}`)} />}
        {view !== 'releases' && (
          <Suspense fallback={<CenteredSpinner label={t(view === 'calendar' ? 'releases.page.loadingCalendar' : 'releases.page.loadingHealth')} />}>
            {view === 'calendar' ? (
              <ProjectCalendar search={search} onSearchChange={changeViewSearch} onOpenVersion={(id) => route.push(`/${id}`)} />
            ) : (
              <ProjectHealth search={search} onSearchChange={changeViewSearch} onOpenVersion={(id) => route.push(`/${id}`)} />
            )}
          </Suspense>
        )}
      </Stack>
    </Box>
  );
}
