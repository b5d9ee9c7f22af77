import { adfProblems } from '../../src/domain/adf/adf-kit';
import { mergeOwnedBlocks, ownedBlock, ownedIds, type AnyNode } from '../../src/domain/adf/owned-blocks';
import { notesStaleness, shippedDigest } from '../../src/domain/publishing';
import { adfTexts } from '../support/adf-text';

/** Plain builders for pages as people leave them (loose ADF, as Confluence returns it). */
const para = (text: string): AnyNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const heading = (text: string): AnyNode => ({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text }] });
const doc = (...content: AnyNode[]): AnyNode => ({ type: 'doc', version: 1, content } as AnyNode);
const block = (id: string, text: string) => ownedBlock(id, id, para(text) as never) as unknown as AnyNode;

/** What Preflight publishes on a new page: the facts block, then the team's empty section. */
const fresh = doc(block('facts', 'Facts v2'), heading('What went well'), { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] });
const published = doc(block('facts', 'Facts v1'), heading('What went well'), { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] });

describe('re-publishing into a page people edited', () => {
  const cases: Array<{ name: string; page: AnyNode; keeps: string[]; drops: string[] }> = [
    { name: 'an untouched page gets the new facts', page: published, keeps: ['Facts v2', 'What went well'], drops: ['Facts v1'] },
    {
      name: 'a filled-in section and a paragraph added at the top both stay',
      page: doc(para('Team note: ship on Tuesday'), block('facts', 'Facts v1'), heading('What went well'), { type: 'bulletList', content: [{ type: 'listItem', content: [para('Fast reviews')] }] }),
      keeps: ['Team note: ship on Tuesday', 'Fast reviews', 'Facts v2'],
      drops: ['Facts v1'],
    },
    {
      name: 'a block moved into a layout is found where it is',
      page: doc({ type: 'layoutSection', content: [{ type: 'layoutColumn', attrs: { width: 50 }, content: [block('facts', 'Facts v1')] }, { type: 'layoutColumn', attrs: { width: 50 }, content: [para('Side note')] }] }),
      keeps: ['Facts v2', 'Side note'],
      drops: ['Facts v1'],
    },
    {
      name: 'a block Preflight no longer generates stays as it is',
      page: doc(block('facts', 'Facts v1'), block('retired', 'Old block')),
      keeps: ['Facts v2', 'Old block'],
      drops: ['Facts v1'],
    },
  ];
  it.each(cases)('$name', ({ page, keeps, drops }) => {
    const merged = mergeOwnedBlocks(page, fresh as never);
    if (!merged.ok) throw new Error(merged.message);
    const all = adfTexts(merged.adf as unknown as AnyNode);
    for (const t of keeps) expect(all).toContain(t);
    for (const t of drops) expect(all).not.toContain(t);
    // The empty section of a new page is not added a second time.
    expect(all.filter((t) => t === 'What went well').length).toBeLessThanOrEqual(1);
  });

  const refusals: Array<{ name: string; page: unknown; reason: string; says: RegExp }> = [
    { name: 'a page written by hand', page: doc(para('Our own notes')), reason: 'not-a-preflight-page', says: /none of Preflight's blocks/ },
    { name: 'a page with no ADF body', page: undefined, reason: 'not-a-preflight-page', says: /did not change it/ },
    { name: 'the block copied twice', page: doc(block('facts', 'Facts v1'), block('facts', 'Facts v1')), reason: 'blocks-duplicated', says: /more than once/ },
    { name: 'one of two blocks removed', page: doc(block('facts', 'Facts v1')), reason: 'blocks-missing', says: /notes block is no longer on the page/ },
    {
      name: 'text typed inside the owned block',
      page: doc({ ...block('facts', 'Facts v1'), content: [para('Facts v1'), para('Polished by the writer')] }),
      reason: 'blocks-edited',
      says: /Someone wrote inside Preflight's facts block/,
    },
  ];
  it.each(refusals)('refuses $name, changing nothing', ({ page, reason, says, name }) => {
    const twoBlocks = doc(block('facts', 'Facts v2'), block('notes', 'Notes v2'));
    const merged = mergeOwnedBlocks(page, (name === 'one of two blocks removed' ? twoBlocks : fresh) as never);
    expect(merged).toMatchObject({ ok: false, reason });
    if (!merged.ok) expect(merged.message).toMatch(says);
  });

  it('finds blocks by either marker: the macro id or the localId alone', () => {
    const b = block('facts', 'x');
    const onlyLocalId = { ...b, attrs: { ...b.attrs, parameters: {} } };
    const onlyParam = { ...b, attrs: { ...b.attrs, localId: 'c0ffee' } };
    expect(ownedIds(doc(onlyLocalId))).toEqual(['preflight-facts']);
    expect(ownedIds(doc(onlyParam))).toEqual(['preflight-facts']);
  });

  it('a merged page is valid ADF', () => {
    const page = doc(para('Team note'), block('facts', 'Facts v1'), heading('Actions'));
    const merged = mergeOwnedBlocks(page, fresh as never);
    expect(merged.ok && adfProblems(merged.adf)).toEqual([]);
  });
});

describe('published notes against the shipped scope', () => {
  it('the digest ignores order and duplicates and sees a different issue', () => {
    expect(shippedDigest(['3', '1', '2'])).toBe(shippedDigest(['1', '2', '3', '2']));
    expect(shippedDigest(['1', '2', '3'])).not.toBe(shippedDigest(['1', '2', '4']));
    expect(shippedDigest([])).toMatch(/^[0-9a-f]{64}$/);
  });

  const at = '2026-01-05T09:00:00.000Z';
  it.each([
    { name: 'no notes yet', published: undefined, now: { doneIssues: 5, released: false }, stale: false },
    { name: 'same done count, still planned', published: { doneIssues: 5, planned: true }, now: { doneIssues: 5, released: false }, stale: false },
    { name: 'two more issues done', published: { doneIssues: 5, planned: true }, now: { doneIssues: 7, released: false }, stale: true, says: 'Release notes are out of date: 2 issues changed since they were published.' },
    { name: 'released after planned notes', published: { doneIssues: 5, planned: true }, now: { doneIssues: 5, released: true }, stale: true, says: 'Release notes were published before the release and still say it is planned: publish them again.' },
    { name: 'published after the release', published: { doneIssues: 5, planned: false }, now: { doneIssues: 5, released: true }, stale: false },
    { name: 'a record from before digests', published: {}, now: { doneIssues: 9, released: true }, stale: false },
  ])('$name', ({ published, now, stale, says }) => {
    const result = notesStaleness(published && { pageId: '1', url: 'u', at, ...published }, now);
    expect(result.stale).toBe(stale);
    if (result.stale) expect(result.message).toBe(says);
  });
});
