import { compileCatalogues } from '../../src/shared/i18n/catalogue';
import { createTranslator } from '../../src/shared/i18n/translator';
import type { ReleaseSummary } from '../../src/shared/releases';
import de from '../../static/app/src/i18n/messages/releases.de.json';
import en from '../../static/app/src/i18n/messages/releases.en.json';
import type { MessageId } from '../../static/app/src/i18n/message-ids';
import {
  NO_FILTERS,
  applyClientFilters,
  describeProgress,
  filtersFromSearch,
  searchFromFilters,
  serverQuery,
} from '../../static/app/src/releases/overview-filters';

/** The Releases overview's filters as they travel in a shared link, and what they keep. */
describe('the overview filters in the page URL', () => {
  test.each([
    ['', NO_FILTERS],
    ['?q=2.1', { ...NO_FILTERS, query: '2.1' }],
    ['?status=released', { ...NO_FILTERS, status: ['released'] }],
    ['?status=unreleased%2Creleased%2Carchived&sort=-releaseDate', { ...NO_FILTERS, status: ['unreleased', 'released', 'archived'], orderBy: '-releaseDate' }],
    ['?phase=Code+freeze&type=hotfix&attention=1', { ...NO_FILTERS, phase: 'Code freeze', releaseType: 'hotfix', needsAttention: true }],
  ])('%s is read back as it was written', (search, filters) => {
    expect(filtersFromSearch(search)).toEqual({ orderBy: undefined, phase: undefined, releaseType: undefined, ...filters });
    expect(searchFromFilters(filtersFromSearch(search))).toBe(search);
  });

  test('a hand-edited link with unknown values falls back to the default view instead of showing nothing', () => {
    expect(filtersFromSearch('?status=bogus&sort=size&type=huge&attention=yes')).toEqual({ ...NO_FILTERS, orderBy: undefined, phase: undefined, releaseType: undefined });
  });

  test('only search, status and sort go to Jira; an empty search is not sent', () => {
    expect(serverQuery({ ...NO_FILTERS, query: '  ', phase: 'Planning', needsAttention: true })).toEqual({ status: ['unreleased', 'released'] });
    expect(serverQuery({ ...NO_FILTERS, query: ' 2.1 ', orderBy: 'name' })).toEqual({ query: '2.1', status: ['unreleased', 'released'], orderBy: 'name' });
  });
});

describe('filtering the loaded versions', () => {
  const version = (name: string, phase: string, extra: Partial<ReleaseSummary> = {}): ReleaseSummary => ({
    versionId: name,
    name,
    released: false,
    archived: false,
    overdue: false,
    issueCounts: { toDo: 0, inProgress: 0, done: 0 },
    tracking: 'untracked',
    phase: { id: phase.toLowerCase(), name: phase },
    releaseType: 'minor',
    attention: [],
    ...extra,
  });
  const loaded = [
    version('PAY 2.1', 'Planning', { attention: [{ code: 'overdue', message: 'Unreleased 4 days after its release date' }] }),
    version('PAY 2.2', 'Code freeze', { releaseType: 'major' }),
    version('PAY 2.0', 'Post-release review', { released: true }),
  ];

  test.each([
    [{ phase: 'Planning' }, ['PAY 2.1']],
    [{ releaseType: 'major' as const }, ['PAY 2.2']],
    [{ needsAttention: true }, ['PAY 2.1']],
    [{ needsAttention: true, releaseType: 'major' as const }, []],
    [{}, ['PAY 2.1', 'PAY 2.2', 'PAY 2.0']],
  ])('%j keeps %j', (narrowing, names) => {
    expect(applyClientFilters(loaded, { ...NO_FILTERS, ...narrowing }).map((r) => r.name)).toEqual(names);
  });

  test('the progress bar reads its counts in the order it draws them, in the person\'s language', () => {
    const english = createTranslator<MessageId>('en', compileCatalogues('en', [en]));
    const german = createTranslator<MessageId>('de', compileCatalogues('de', [de]));
    expect(describeProgress(english, { done: 37, inProgress: 24, toDo: 0 })).toBe('37 done, 24 in progress, 0 to do');
    expect(describeProgress(german, { done: 1234, inProgress: 24, toDo: 0 })).toBe('1.234 erledigt, 24 in Arbeit, 0 zu erledigen');
  });
});
