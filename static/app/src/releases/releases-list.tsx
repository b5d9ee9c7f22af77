import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RELEASE_KEYS, type ListReleasesResult, type ReleaseSummary } from '../../../../src/shared/releases';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { useT } from '../i18n/use-t';
import { gateSummaryText, instantText, sortForList, versionStatusOf } from '../lib/labels';
import { NO_FILTERS, applyClientFilters, hasAnyFilter, hasClientFilters, phasesPresent, serverQuery, type OverviewFilters } from './overview-filters';
import { ProgressBar } from './progress-bar';
import { ReleasesToolbar } from './releases-toolbar';

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; project: ListReleasesResult['project']; releases: ReleaseSummary[]; nextCursor?: string; loadingMore: boolean; moreError?: string };

/**
 * The project's versions with their phase, gates, progress and what needs attention, without
 * anyone opening them. Search, status and sort are Jira's (a new first page each time); phase,
 * type and "needs attention" narrow the pages loaded so far, and the list says so.
 */
export function ReleasesList({ filters, onFiltersChange, onOpen }: { filters: OverviewFilters; onFiltersChange: (next: OverviewFilters) => void; onOpen: (versionId: string) => void }) {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const serverKey = JSON.stringify(serverQuery(filters));
  // Only the answer to the latest question is shown: a slow answer to an older search is dropped.
  const generation = useRef(0);

  const load = useCallback(() => {
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    callResolver<ListReleasesResult>(RELEASE_KEYS.list, JSON.parse(serverKey) as Record<string, unknown>)
      .then((result) => {
        if (mine === generation.current) setState({ kind: 'loaded', project: result.project, releases: result.releases, nextCursor: result.nextCursor, loadingMore: false });
      })
      .catch((error: unknown) => {
        if (mine === generation.current) setState({ kind: 'error', message: errorMessage(error) });
      });
  }, [serverKey]);

  useEffect(load, [load]);

  const loadMore = () => {
    if (state.kind !== 'loaded' || !state.nextCursor) return;
    const mine = generation.current;
    const cursor = state.nextCursor;
    setState({ ...state, loadingMore: true, moreError: undefined });
    callResolver<ListReleasesResult>(RELEASE_KEYS.list, { ...(JSON.parse(serverKey) as Record<string, unknown>), cursor })
      .then((result) => {
        if (mine !== generation.current) return;
        setState((s) => (s.kind === 'loaded' ? { ...s, releases: [...s.releases, ...result.releases], nextCursor: result.nextCursor, loadingMore: false } : s));
      })
      .catch((error: unknown) => {
        if (mine !== generation.current) return;
        setState((s) => (s.kind === 'loaded' ? { ...s, loadingMore: false, moreError: errorMessage(error) } : s));
      });
  };

  const loaded = state.kind === 'loaded' ? state.releases : [];
  const phases = useMemo(() => phasesPresent(loaded), [loaded]);
  const clearFilters = () => onFiltersChange(NO_FILTERS);

  return (
    <Stack space="space.200">
      <ReleasesToolbar filters={filters} phases={phases} onChange={onFiltersChange} />
      <ListBody state={state} filters={filters} onRetry={load} onClear={clearFilters} onLoadMore={loadMore} onOpen={onOpen} />
    </Stack>
  );
}

function ListBody({
  state,
  filters,
  onRetry,
  onClear,
  onLoadMore,
  onOpen,
}: {
  state: ListState;
  filters: OverviewFilters;
  onRetry: () => void;
  onClear: () => void;
  onLoadMore: () => void;
  onOpen: (versionId: string) => void;
}) {
  const { t } = useT();
  switch (state.kind) {
    case 'loading':
      return <CenteredSpinner label={t('releases.list.loading')} />;
    case 'error':
      return (
        <SectionMessage appearance="error" title={t('releases.list.error')} actions={[<SectionMessageAction key="retry" onClick={onRetry}>{t('releases.list.retry')}</SectionMessageAction>]}>
          <p>{state.message}</p>
        </SectionMessage>
      );
    case 'loaded': {
      if (state.releases.length === 0 && !hasAnyFilter(filters)) {
        return (
          <EmptyState
            header={t('releases.list.empty.title')}
            description={t('releases.list.empty.body', { project: state.project.key })}
          />
        );
      }
      if (state.releases.length === 0) {
        return (
          <EmptyState
            header={filters.query ? t('releases.list.noMatch.query', { query: filters.query }) : t('releases.list.noMatch.filters')}
            description={t('releases.list.noMatch.body')}
            primaryAction={<Button onClick={onClear}>{t('releases.list.clearFilters')}</Button>}
          />
        );
      }
      // Without a chosen sort, unreleased versions come first (Jira's order inside each group).
      const ordered = filters.orderBy ? state.releases : sortForList(state.releases);
      const shown = applyClientFilters(ordered, filters);
      const narrowed = hasClientFilters(filters);
      return (
        <Stack space="space.200">
          {/* Announced politely so a screen reader hears how many rows a filter left. */}
          <Box aria-live="polite">
            {narrowed && (
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <Text>{t('releases.list.showing', { shown: shown.length, loaded: state.releases.length })}</Text>
                {state.nextCursor && <Text color="color.text.subtle">{t('releases.list.narrowedHint')}</Text>}
                <Button appearance="subtle" spacing="compact" onClick={onClear}>
                  {t('releases.list.clearFilters')}
                </Button>
              </Inline>
            )}
          </Box>
          {shown.length === 0 ? (
            <EmptyState header={t('releases.list.noLoadedMatch.title')} description={t('releases.list.noLoadedMatch.body')} primaryAction={<Button onClick={onClear}>{t('releases.list.clearFilters')}</Button>} />
          ) : (
            <ReleasesTable releases={shown} onOpen={onOpen} />
          )}
          {state.moreError && (
            <SectionMessage appearance="error" title={t('releases.list.moreError')}>
              <p>{state.moreError}</p>
            </SectionMessage>
          )}
          {state.nextCursor && (
            <Inline>
              <Button onClick={onLoadMore} isLoading={state.loadingMore}>
                {t('releases.list.loadMore')}
              </Button>
            </Inline>
          )}
        </Stack>
      );
    }
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

const noWrapStyle = xcss({ whiteSpace: 'nowrap' });

const COLUMNS = ['name', 'phase', 'releaseDate', 'gates', 'status', 'progress', 'attention'] as const;

function ReleasesTable({ releases, onOpen }: { releases: ReleaseSummary[]; onOpen: (versionId: string) => void }) {
  const translator = useT();
  const { t } = translator;
  const head = { cells: COLUMNS.map((key) => ({ key, content: t(`releases.table.${key}`) })) };
  const rows = releases.map((release) => {
    const status = versionStatusOf(translator, release);
    return {
      key: release.versionId,
      testId: `release-row-${release.versionId}`,
      cells: [
        {
          key: 'name',
          content: (
            <Stack space="space.025">
              {/* A link-styled button: opening a panel is in-app navigation through the Forge history. */}
              <Pressable xcss={versionLinkStyle} onClick={() => onOpen(release.versionId)} aria-label={t('releases.table.open', { name: release.name })}>
                {release.name}
              </Pressable>
              {/* A released version nobody tracked needs nothing: the hint is for ones still to come. */}
              {release.tracking === 'untracked' && !release.released && (
                <Text size="small" color="color.text.subtlest">
                  {t('releases.table.notTracked')}
                </Text>
              )}
            </Stack>
          ),
        },
        { key: 'phase', content: <Lozenge appearance={release.released ? 'success' : 'inprogress'}>{release.phase.name}</Lozenge> },
        {
          key: 'releaseDate',
          content: release.releaseDate ? (
            <Box xcss={noWrapStyle}>
              <Text color={release.overdue ? 'color.text.danger' : undefined} weight={release.overdue ? 'bold' : undefined}>
                {release.releaseDate}
              </Text>
            </Box>
          ) : (
            '—'
          ),
        },
        { key: 'gates', content: <GateSummary summary={release.gateSummary} shipped={release.released && release.tracking === 'untracked'} /> },
        { key: 'status', content: <Lozenge appearance={status.appearance}>{status.label}</Lozenge> },
        { key: 'progress', content: <ProgressBar counts={release.issueCounts} /> },
        { key: 'attention', content: <AttentionReasons reasons={release.attention} /> },
      ],
    };
  });
  return <DynamicTable head={head} rows={rows} />;
}

/** A version released without Preflight has no gates left to pass: it says so rather than "not evaluated". */
function GateSummary({ summary, shipped }: { summary: ReleaseSummary['gateSummary']; shipped: boolean }) {
  const translator = useT();
  const { t } = translator;
  if (!summary && shipped) return <Text color="color.text.subtlest">{t('releases.gates.shippedWithout')}</Text>;
  if (!summary) return <Text color="color.text.subtlest">{gateSummaryText(translator, summary)}</Text>;
  return (
    <Stack space="space.050">
      <Inline space="space.050" alignBlock="center" shouldWrap>
        <Lozenge appearance="success">{t('releases.gates.pass', { count: summary.pass })}</Lozenge>
        <Lozenge appearance="moved">{t('releases.gates.warn', { count: summary.warning })}</Lozenge>
        <Lozenge appearance="removed">{t('releases.gates.fail', { count: summary.fail })}</Lozenge>
      </Inline>
      {summary.source === 'background' && (
        <Text size="small" color="color.text.subtlest">
          {t('releases.gates.background', { when: instantText(translator, summary.evaluatedAt) })}
        </Text>
      )}
    </Stack>
  );
}

function AttentionReasons({ reasons }: { reasons: ReleaseSummary['attention'] }) {
  if (reasons.length === 0) return <Text color="color.text.subtlest">—</Text>;
  return (
    <Stack space="space.050">
      {reasons.map((reason) => (
        <Text key={reason.code} color="color.text.warning">
          {reason.message}
        </Text>
      ))}
    </Stack>
  );
}
