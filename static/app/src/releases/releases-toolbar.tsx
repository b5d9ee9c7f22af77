import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Fieldset, Label, Legend } from '@atlaskit/form';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReleaseOrder, ReleaseStatusFilter, ReleaseSummary } from '../../../../src/shared/releases';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { releaseTypeName } from '../lib/labels';
import type { OverviewFilters } from './overview-filters';

const SEARCH_DELAY_MS = 300;

const STATUSES: readonly ReleaseStatusFilter[] = ['unreleased', 'released', 'archived'];

interface Choice<T extends string> {
  value: T;
  label: string;
}
type SortValue = ReleaseOrder | 'default';
const SORTS = [
  ['default', 'releases.toolbar.sort.default'],
  ['releaseDate', 'releases.toolbar.sort.releaseDate'],
  ['-releaseDate', 'releases.toolbar.sort.releaseDateDesc'],
  ['name', 'releases.toolbar.sort.name'],
  ['-name', 'releases.toolbar.sort.nameDesc'],
] as const;
type ReleaseType = NonNullable<ReleaseSummary['releaseType']>;

function choices(translator: UiTranslator) {
  return {
    sort: SORTS.map(([value, id]): Choice<SortValue> => ({ value, label: translator.t(id) })),
    type: (['major', 'minor', 'hotfix'] as const).map((value): Choice<ReleaseType> => ({ value, label: releaseTypeName(translator, value) })),
  };
}

const STATUS_LABEL = { unreleased: 'common.versionStatus.unreleased', released: 'common.versionStatus.released', archived: 'common.versionStatus.archived' } as const;

const searchStyle = xcss({ width: '240px' });
const selectStyle = xcss({ minWidth: '200px' });

/**
 * Search, status and sort (Jira applies them) and phase, release type and "needs attention"
 * (applied to the versions loaded). Every control has a visible label that is its accessible name.
 */
export function ReleasesToolbar({ filters, phases, onChange }: { filters: OverviewFilters; phases: string[]; onChange: (next: OverviewFilters) => void }) {
  const translator = useT();
  const { t } = translator;
  const { sort: SORT_CHOICES, type: TYPE_CHOICES } = choices(translator);
  const [text, setText] = useState(filters.query);
  const latest = useRef(filters);
  latest.current = filters;

  // The query this box last sent: the URL echoing it back must not overwrite what is typed since.
  const sent = useRef(filters.query);

  // The URL is the truth (Back, a shared link, Clear filters): follow it when it changes from outside.
  useEffect(() => {
    if (filters.query !== sent.current) {
      sent.current = filters.query;
      setText(filters.query);
    }
  }, [filters.query]);

  const send = useCallback(
    (query: string) => {
      sent.current = query;
      onChange({ ...latest.current, query });
    },
    [onChange],
  );

  // Debounced: Jira is asked once the person stops typing, not at every keystroke.
  useEffect(() => {
    const query = text.trim().slice(0, 100);
    if (query === sent.current) return;
    const timer = setTimeout(() => send(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, send]);

  const clearSearch = () => {
    setText('');
    if (sent.current) send('');
  };

  const toggleStatus = (status: ReleaseStatusFilter, checked: boolean) => {
    const next = checked ? [...filters.status, status] : filters.status.filter((s) => s !== status);
    if (next.length > 0) onChange({ ...filters, status: next });
  };

  const phaseChoices: Array<Choice<string>> = [...new Set([...phases, ...(filters.phase ? [filters.phase] : [])])].map((p) => ({ value: p, label: p }));

  return (
    <Stack space="space.100">
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Box xcss={searchStyle}>
          <Label htmlFor="releases-search">{t('releases.toolbar.search')}</Label>
          <Textfield
            id="releases-search"
            type="search"
            placeholder={t('releases.toolbar.searchPlaceholder')}
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && text) {
                e.preventDefault();
                clearSearch();
              }
            }}
            elemAfterInput={
              text ? (
                <Button appearance="subtle" spacing="compact" onClick={clearSearch}>
                  {t('releases.toolbar.clearSearch')}
                </Button>
              ) : undefined
            }
          />
        </Box>
        <Box xcss={selectStyle}>
          <Label htmlFor="releases-sort">{t('releases.toolbar.sortBy')}</Label>
          <Select<Choice<SortValue>>
            inputId="releases-sort"
            options={SORT_CHOICES}
            value={SORT_CHOICES.find((c) => c.value === (filters.orderBy ?? 'default'))}
            isSearchable={false}
            onChange={(c) => onChange({ ...filters, orderBy: !c || c.value === 'default' ? undefined : c.value })}
          />
        </Box>
        <Box xcss={selectStyle}>
          <Label htmlFor="releases-phase">{t('releases.toolbar.phase')}</Label>
          <Select<Choice<string>>
            inputId="releases-phase"
            options={phaseChoices}
            value={phaseChoices.find((c) => c.value === filters.phase) ?? null}
            placeholder={t('releases.toolbar.anyPhase')}
            isClearable
            isSearchable={false}
            onChange={(c) => onChange({ ...filters, phase: c?.value })}
          />
        </Box>
        <Box xcss={selectStyle}>
          <Label htmlFor="releases-type">{t('releases.toolbar.type')}</Label>
          <Select<Choice<ReleaseType>>
            inputId="releases-type"
            options={TYPE_CHOICES}
            value={TYPE_CHOICES.find((c) => c.value === filters.releaseType) ?? null}
            placeholder={t('releases.toolbar.anyType')}
            isClearable
            isSearchable={false}
            onChange={(c) => onChange({ ...filters, releaseType: c?.value })}
          />
        </Box>
      </Inline>
      <Inline space="space.300" alignBlock="center" shouldWrap>
        <Fieldset>
          <Legend>{t('releases.toolbar.status')}</Legend>
          <Inline space="space.150">
            {STATUSES.map((value) => ({ value, label: t(STATUS_LABEL[value]) })).map((choice) => (
              <Checkbox
                key={choice.value}
                label={choice.label}
                isChecked={filters.status.includes(choice.value)}
                // The last ticked status stays: an empty status would mean "show nothing".
                isDisabled={filters.status.length === 1 && filters.status[0] === choice.value}
                onChange={(e) => toggleStatus(choice.value, e.currentTarget.checked)}
              />
            ))}
          </Inline>
        </Fieldset>
        <Box paddingBlockStart="space.300">
          <Checkbox label={t('releases.toolbar.needsAttention')} isChecked={filters.needsAttention} onChange={(e) => onChange({ ...filters, needsAttention: e.currentTarget.checked })} />
        </Box>
      </Inline>
    </Stack>
  );
}
