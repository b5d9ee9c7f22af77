import { checklistAdf } from '../../src/domain/adf/checklist-adf';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { retrospectiveAdf } from '../../src/domain/adf/retrospective-adf';
import { startRelease, tickChecklistItem } from '../../src/domain/release';
import { retrospectiveFacts } from '../../src/domain/retrospective';
import { DEFAULT_TEMPLATE } from '../../src/domain/template';
import type { ReleaseView } from '../../src/shared/release-panel';
import { adfTexts } from '../support/adf-text';

/** Every link mark in a document, with the text it is on. */
function links(node: unknown): Array<{ text: string; href: string }> {
  const n = node as { type?: string; text?: string; marks?: Array<{ type: string; attrs?: { href?: string } }>; content?: unknown[] };
  const mark = n.marks?.find((m) => m.type === 'link');
  return [...(n.type === 'text' && mark ? [{ text: n.text ?? '', href: mark.attrs?.href ?? '' }] : []), ...(n.content ?? []).flatMap(links)];
}

const T = '2026-03-02T10:00:00.000Z';
const ROLLBACK = 'https://wiki.example.com/rollback/pay-2-2';
const DASHBOARD = 'https://grafana.example.com/d/payments';
const base = startRelease({ versionId: '1', projectKey: 'PAY', releaseType: 'major', phases: DEFAULT_TEMPLATE.major, at: '2026-03-01T09:00:00.000Z' });
const ticked = [
  ['monitoring', DASHBOARD],
  ['rollback-plan', ROLLBACK],
  ['stakeholders', undefined],
] as const;
const record = ticked.reduce((r, [gateId, link]) => tickChecklistItem(r, gateId, true, 'acc-rita', T, link).record, base);
const facts = retrospectiveFacts(record, [], { inVersion: 5, addedAfterFreeze: [], removedAfterFreeze: 0, slipped: [] }, (id) => (id === 'acc-rita' ? 'Rita Owens' : id));

describe('links of verified gates in the retrospective', () => {
  it('lists every item ticked with a link, in the order of the release, with who verified it', () => {
    expect(facts.verifiedLinks).toEqual([
      { gateId: 'rollback-plan', name: 'Rollback plan documented and tested', phase: 'Release preparation', link: ROLLBACK, by: 'Rita Owens', at: T },
      { gateId: 'monitoring', name: 'Monitoring dashboards in place', phase: 'Deployment', link: DASHBOARD, by: 'Rita Owens', at: T },
    ]);
  });

  it('puts them on the published page as link marks, inside the generated part', () => {
    const adf = retrospectiveAdf('Retrospective: PAY 2.2', { project: { id: '1', key: 'PAY' }, version: { id: '1', name: 'PAY 2.2', released: true }, ...facts });
    expect(adfProblems(adf)).toEqual([]);
    expect(links(adf)).toEqual(expect.arrayContaining([{ text: ROLLBACK, href: ROLLBACK }, { text: DASHBOARD, href: DASHBOARD }]));
    expect(adfTexts(adf)).toEqual(expect.arrayContaining(['Verified, with links (2)', 'Rollback plan documented and tested (Release preparation), by Rita Owens on Mar 2, 2026: ']));
  });

  it.each(['javascript:alert(1)', 'http://plain.example.com/x', 'data:text/html,<script>1</script>'])('shows %s as text, never as a link', (bad) => {
    const adf = retrospectiveAdf('R', { project: { id: '1', key: 'PAY' }, version: { id: '1', name: 'PAY 2.2', released: true }, ...facts, verifiedLinks: [{ ...facts.verifiedLinks[0]!, link: bad }], incidents: { logged: true, by: 'Rita Owens', at: T, link: bad } });
    expect(adfProblems(adf)).toEqual([]);
    expect(links(adf)).toEqual([]);
    expect(adfTexts(adf)).toContain(bad);
  });
});

describe('links of verified gates in the checklist export', () => {
  const view = (link: string) =>
    ({
      version: { id: '1', name: 'PAY 2.2', released: false },
      currentPhaseId: 'release-prep',
      completed: false,
      issueCounts: { total: 3, done: 1 },
      phases: [
        {
          id: 'release-prep',
          name: 'Release preparation',
          state: 'current',
          gates: [{ gateId: 'rollback-plan', name: 'Rollback plan documented and tested', kind: 'manual', status: 'pass', reason: 'Done', requiresLink: true, ticked: { by: { accountId: 'a', displayName: 'Rita Owens' }, at: T, link } }],
        },
      ],
    }) as unknown as ReleaseView;

  it('links the verified gate to its document', () => {
    const adf = checklistAdf(view(ROLLBACK));
    expect(adfProblems(adf)).toEqual([]);
    expect(links(adf)).toEqual([{ text: ROLLBACK, href: ROLLBACK }]);
  });

  it.each(['javascript:alert(1)', 'http://plain.example.com/x'])('keeps %s as text', (bad) => {
    const adf = checklistAdf(view(bad));
    expect(links(adf)).toEqual([]);
    expect(adfTexts(adf)).toContain(bad);
  });
});
