import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Suspense, lazy, useCallback, useMemo, useRef } from 'react';
import { useForgeHistory } from '../bridge/use-forge-history';
import { CenteredSpinner } from '../components/centered-spinner';
import { filtersFromSearch, searchFromFilters, type OverviewFilters } from '../releases/overview-filters';
import { ReleasesList } from '../releases/releases-list';

// The panel is the heaviest screen (modal, select, progress tracker); the list does not wait for it.
const ReleasePanel = lazy(() => import('../release-panel/release-panel'));

/** `/<versionId>` inside the module opens that version's panel; anything else is the list. */
export function versionIdFromPath(pathname: string | undefined): string | undefined {
  const match = /^\/(\d{1,18})\/?$/.exec(pathname ?? '');
  return match?.[1];
}

/**
 * The Jira project page "Releases" (module `preflight-releases`): the list of versions, and each
 * version's release panel at its own deep link (the Forge router history, mirrored in the URL).
 */
export default function ReleasesPage() {
  const route = useForgeHistory();
  const { replace, search } = route;
  // The list's filters live in the URL query, so a filtered view can be shared and Back returns to it.
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const listSearch = useRef('');
  const versionId = versionIdFromPath(route.pathname);
  if (!versionId) listSearch.current = search;
  const changeFilters = useCallback((next: OverviewFilters) => replace(`/${searchFromFilters(next)}`), [replace]);
  if (route.pathname === undefined) return <CenteredSpinner label="Loading releases" />;

  return (
    <Box padding="space.200">
      {versionId ? (
        <Suspense fallback={<CenteredSpinner label="Loading the release" />}>
          <ReleasePanel versionId={versionId} onBack={() => route.push(`/${listSearch.current}`)} />
        </Suspense>
      ) : (
        <Stack space="space.200">
          <Heading size="large">Releases</Heading>
          <ReleasesList filters={filters} onFiltersChange={changeFilters} onOpen={(id) => route.push(`/${id}`)} />
        </Stack>
      )}
    </Box>
  );
}
