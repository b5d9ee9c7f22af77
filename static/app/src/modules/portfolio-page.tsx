import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Suspense, lazy, useCallback } from 'react';
import { useForgeHistory } from '../bridge/use-forge-history';
import { CenteredSpinner } from '../components/centered-spinner';
import { ViewTabs } from '../components/view-tabs';

const GlobalCalendar = lazy(() => import('../calendar/global-calendar'));
const TrainsView = lazy(() => import('../trains/trains-view'));

const VIEWS = [
  { id: 'calendar', label: 'Calendar' },
  { id: 'trains', label: 'Release trains' },
];

/** `/trains` and below belong to the trains; everything else is the calendar. */
export function portfolioRoute(pathname: string | undefined): { view: 'calendar' | 'trains'; rest: string } {
  const match = /^\/trains(\/.*)?$/.exec(pathname ?? '');
  return match ? { view: 'trains', rest: match[1] ?? '/' } : { view: 'calendar', rest: '/' };
}

/**
 * Jira's global page "Preflight releases" (module `preflight-portfolio`, in Jira's Apps menu):
 * the releases of every project the person can see on one calendar, and the release trains that
 * ship versions of several projects together.
 */
export default function PortfolioPage() {
  const route = useForgeHistory();
  const { replace, search } = route;
  const { view, rest } = portfolioRoute(route.pathname);
  const changeCalendarSearch = useCallback((next: string) => replace(`/${next}`), [replace]);
  if (route.pathname === undefined) return <CenteredSpinner label="Loading Preflight releases" />;
  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Heading size="large">Preflight releases</Heading>
        <ViewTabs label="Portfolio views" tabs={VIEWS} current={view} onSelect={(id) => route.push(id === 'trains' ? '/trains' : '/')} />
        <Suspense fallback={<CenteredSpinner label={view === 'trains' ? 'Loading the release trains' : 'Loading the calendar'} />}>
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
