import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useCallback, useEffect, useState } from 'react';
import { RELEASE_KEYS, type ListReleasesResult, type ReleaseSummary } from '../../../../src/shared/releases';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { describeGateSummary, sortForList, versionStatus } from '../lib/labels';

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; project: ListReleasesResult['project']; releases: ReleaseSummary[]; nextCursor?: string; loadingMore: boolean; moreError?: string };

/**
 * The project's versions with their Preflight phase and gate summary. Jira pages the versions;
 * "Load more" asks for the next page with the previous answer's cursor.
 */
export function ReleasesList({ onOpen }: { onOpen: (versionId: string) => void }) {
  const [state, setState] = useState<ListState>({ kind: 'loading' });

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    callResolver<ListReleasesResult>(RELEASE_KEYS.list, {})
      .then((result) => setState({ kind: 'loaded', project: result.project, releases: result.releases, nextCursor: result.nextCursor, loadingMore: false }))
      .catch((error: unknown) => setState({ kind: 'error', message: errorMessage(error) }));
  }, []);

  useEffect(load, [load]);

  const loadMore = () => {
    if (state.kind !== 'loaded' || !state.nextCursor) return;
    const cursor = state.nextCursor;
    setState({ ...state, loadingMore: true, moreError: undefined });
    callResolver<ListReleasesResult>(RELEASE_KEYS.list, { cursor })
      .then((result) =>
        setState((s) =>
          s.kind === 'loaded' ? { ...s, releases: [...s.releases, ...result.releases], nextCursor: result.nextCursor, loadingMore: false } : s,
        ),
      )
      .catch((error: unknown) => setState((s) => (s.kind === 'loaded' ? { ...s, loadingMore: false, moreError: errorMessage(error) } : s)));
  };

  switch (state.kind) {
    case 'loading':
      return <CenteredSpinner label="Loading releases" />;
    case 'error':
      return (
        <SectionMessage appearance="error" title="Releases could not be loaded" actions={[<SectionMessageAction key="retry" onClick={load}>Try again</SectionMessageAction>]}>
          <p>{state.message}</p>
        </SectionMessage>
      );
    case 'loaded':
      if (state.releases.length === 0) {
        return (
          <EmptyState
            header="No releases yet"
            description={`Project ${state.project.key} has no versions. Create a version in Jira to start planning a release.`}
          />
        );
      }
      return (
        <Stack space="space.200">
          <ReleasesTable releases={sortForList(state.releases)} onOpen={onOpen} />
          {state.moreError && (
            <SectionMessage appearance="error" title="More releases could not be loaded">
              <p>{state.moreError}</p>
            </SectionMessage>
          )}
          {state.nextCursor && (
            <Inline>
              <Button onClick={loadMore} isLoading={state.loadingMore}>
                Load more releases
              </Button>
            </Inline>
          )}
        </Stack>
      );
  }
}

/** Looks like a link (it opens the release panel) but is a button: navigation goes through the Forge router. */
const versionLinkStyle = xcss({
  color: 'color.link',
  backgroundColor: 'color.background.neutral.subtle',
  padding: 'space.0',
  font: 'font.body',
  textAlign: 'start',
  ':hover': { color: 'color.link', textDecoration: 'underline' },
  ':active': { color: 'color.link.pressed' },
});

const HEAD = {
  cells: [
    { key: 'name', content: 'Version' },
    { key: 'phase', content: 'Phase' },
    { key: 'releaseDate', content: 'Release date' },
    { key: 'gates', content: 'Gates' },
    { key: 'status', content: 'Status' },
    { key: 'issues', content: 'Issues (to do / in progress / done)' },
  ],
};

function ReleasesTable({ releases, onOpen }: { releases: ReleaseSummary[]; onOpen: (versionId: string) => void }) {
  const rows = releases.map((release) => {
    const status = versionStatus(release);
    return {
      key: release.versionId,
      cells: [
        {
          key: 'name',
          content: (
            // A link-styled button: opening a panel is in-app navigation through the Forge history.
            <Pressable xcss={versionLinkStyle} onClick={() => onOpen(release.versionId)} aria-label={`Open release ${release.name}`}>
              {release.name}
            </Pressable>
          ),
        },
        {
          key: 'phase',
          content: release.phase ? <Lozenge appearance="inprogress">{release.phase.name}</Lozenge> : <Text color="color.text.subtlest">Not started</Text>,
        },
        { key: 'releaseDate', content: release.releaseDate ?? '—' },
        { key: 'gates', content: <GateSummary summary={release.gateSummary} /> },
        { key: 'status', content: <Lozenge appearance={status.appearance}>{status.label}</Lozenge> },
        { key: 'issues', content: `${release.issueCounts.toDo} / ${release.issueCounts.inProgress} / ${release.issueCounts.done}` },
      ],
    };
  });
  return <DynamicTable head={HEAD} rows={rows} />;
}

function GateSummary({ summary }: { summary: ReleaseSummary['gateSummary'] }) {
  if (!summary) return <Text color="color.text.subtlest">{describeGateSummary(summary)}</Text>;
  return (
    <Inline space="space.050" alignBlock="center">
      {summary.fail > 0 && <Lozenge appearance="removed">{`${summary.fail} fail`}</Lozenge>}
      {summary.warning > 0 && <Lozenge appearance="moved">{`${summary.warning} warning`}</Lozenge>}
      <Lozenge appearance="success">{`${summary.pass} pass`}</Lozenge>
    </Inline>
  );
}
