import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Suspense, lazy, useCallback } from 'react';
import { useForgeHistory } from '../bridge/use-forge-history';
import { CenteredSpinner } from '../components/centered-spinner';
import { ViewTabs } from '../components/view-tabs';
import { useT } from '../i18n/use-t';

const GlobalCalendar = lazy(() => import('../calendar/global-calendar'));
const TrainsView = lazy(() => import('../trains/trains-view'));

const VIEWS = ['calendar', 'trains'] as const;

/** `/trains` and below belong to the trains; everything else is the calendar. */
export function portfolioRoute(pathname: string | undefined): { view: 'calendar' | 'trains'; rest: string } {
  const match = /^\/trains(\/.*)?$/.exec(pathname ?? '');
  return match ? { view: 'trains', rest: match[1] ?? '/' } : { view: 'calendar', rest: '/' };
}

/**
 * Jira's global page "Preflight releases" (module `preflight-portfolio`, in Jira's Apps menu):
 * the releases of every project the person can see on one calendar, and the release trains that
 * ship versions of several projects together. Jira draws no title above a global page, so the
 * page's title is this frame's h1 (the views' headings follow as h2).
 */
export default function PortfolioPage() {
  const { t } = useT();
  const route = useForgeHistory();
  const { replace, search } = route;
  const { view, rest } = portfolioRoute(route.pathname);
  const changeCalendarSearch = useCallback((next: string) => replace(`/${next}`), [replace]);
  if (route.pathname === undefined) return <CenteredSpinner label={t('portfolio.page.loading')} />;
  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          {t('portfolio.page.heading')}
        </Heading>
        <ViewTabs label={t('portfolio.page.views')} tabs={VIEWS.map((id) => ({ id, label: t(`portfolio.page.view.${id}`) }))} current={view} onSelect={(id) => route.push(id === 'trains' ? '/trains' : '/')} />
        <Suspense fallback={<CenteredSpinner label={t(view === 'trains' ? 'portfolio.trains.loading' : 'portfolio.calendar.loading')} />}>
          {view === 'calendar' ? (
            <GlobalCalendar search={search} onSearchChange={changeCalendarSearch} onOpenTrain={(id) => route.push(`/trains/${encodeURIComponent(id)}`)} />
          ) : (
            <TrainsView path={rest} navigate={(path) => route.push(`/trains${path === '/' ? '' : path}`)} />
          )}
        </Suspense>
      </Stack>
    </Box>
  );
}
