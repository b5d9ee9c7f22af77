import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import { RELEASE_KEYS, type ListReleasesResult, type ReleaseSummary } from '../../../../src/shared/releases';
import { callResolver } from '../bridge/call-resolver';
import { CenteredSpinner } from '../components/centered-spinner';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; result: ListReleasesResult };

/**
 * The Jira project page "Releases" (module `preflight-releases`): the project's versions with
 * their state and issue counts. The project comes from the Forge context on the server side, so
 * the payload is empty.
 */
export default function ReleasesPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    callResolver<ListReleasesResult>(RELEASE_KEYS.list, {})
      .then((result) => {
        if (!cancelled) setState({ kind: 'loaded', result });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Heading size="large">Releases</Heading>
        <ReleasesBody state={state} />
      </Stack>
    </Box>
  );
}

function ReleasesBody({ state }: { state: LoadState }) {
  switch (state.kind) {
    case 'loading':
      return <CenteredSpinner label="Loading releases" />;
    case 'error':
      return (
        <SectionMessage appearance="error" title="Releases could not be loaded">
          <p>{state.message}</p>
        </SectionMessage>
      );
    case 'loaded':
      if (state.result.releases.length === 0) {
        return (
          <EmptyState
            header="No releases yet"
            description={`Project ${state.result.project.key} has no versions. Create a version in Jira to start planning a release.`}
          />
        );
      }
      return <ReleasesTable releases={state.result.releases} />;
  }
}

const HEAD = {
  cells: [
    { key: 'name', content: 'Version' },
    { key: 'status', content: 'Status' },
    { key: 'releaseDate', content: 'Release date' },
    { key: 'issues', content: 'Issues (to do / in progress / done)' },
  ],
};

function ReleasesTable({ releases }: { releases: ReleaseSummary[] }) {
  const rows = releases.map((release) => ({
    key: release.versionId,
    cells: [
      { key: 'name', content: release.name },
      { key: 'status', content: <StatusLozenge release={release} /> },
      { key: 'releaseDate', content: release.releaseDate ?? '—' },
      {
        key: 'issues',
        content: `${release.issueCounts.toDo} / ${release.issueCounts.inProgress} / ${release.issueCounts.done}`,
      },
    ],
  }));
  return <DynamicTable head={HEAD} rows={rows} rowsPerPage={20} defaultPage={1} />;
}

/** Archived beats released beats overdue: an archived version needs no attention at all. */
function releaseStatus(release: ReleaseSummary): { label: string; appearance: ThemeAppearance } {
  if (release.archived) return { label: 'Archived', appearance: 'default' };
  if (release.released) return { label: 'Released', appearance: 'success' };
  if (release.overdue) return { label: 'Overdue', appearance: 'removed' };
  return { label: 'Unreleased', appearance: 'inprogress' };
}

function StatusLozenge({ release }: { release: ReleaseSummary }) {
  const { label, appearance } = releaseStatus(release);
  return <Lozenge appearance={appearance}>{label}</Lozenge>;
}
