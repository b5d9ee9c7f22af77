import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { Suspense, lazy } from 'react';
import { useForgeHistory } from '../bridge/use-forge-history';
import { CenteredSpinner } from '../components/centered-spinner';
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
  if (route.pathname === undefined) return <CenteredSpinner label="Loading releases" />;
  const versionId = versionIdFromPath(route.pathname);

  return (
    <Box padding="space.200">
      {versionId ? (
        <Suspense fallback={<CenteredSpinner label="Loading the release" />}>
          <ReleasePanel versionId={versionId} onBack={() => route.push('/')} />
        </Suspense>
      ) : (
        <Stack space="space.200">
          <Heading size="large">Releases</Heading>
          <ReleasesList onOpen={(id) => route.push(`/${id}`)} />
        </Stack>
      )}
    </Box>
  );
}
