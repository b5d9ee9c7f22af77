import { freshId, newGate, renamedId, slugOf } from '../../static/app/src/settings/settings-draft';
import type { PhaseTemplate } from '../../src/domain/template';

const NAMES = { checklistItem: 'New checklist item', signoff: 'New sign-off', autoCheck: 'Every issue is done', phase: 'New phase' };
const phases: PhaseTemplate[] = [{ id: 'planning', name: 'Planning', gates: [{ kind: 'manual', id: 'security-review', name: 'Security review', requiresLink: false }] }];

describe('ids made from names', () => {
  it('turns a name in any language into an id the schema accepts', () => {
    expect(slugOf('Sécurité : revue finale')).toBe('securite-revue-finale');
    expect(slugOf('Übergabe an den Betrieb')).toBe('ubergabe-an-den-betrieb');
    expect(slugOf('リリース判定')).toBe('item');
  });

  it('keeps ids unique within the release type', () => {
    expect(freshId(phases, 'Security review')).toBe('security-review-2');
    expect(newGate(phases, 'manual', NAMES).id).toBe('new-checklist-item');
  });

  it('lets a new gate follow its name, and keeps a saved id when the name changes', () => {
    expect(renamedId(phases, 'new-checklist-item', 'Rollback plan ready', new Set(['planning', 'security-review']))).toBe('rollback-plan-ready');
    expect(renamedId(phases, 'security-review', 'Security sign-off', new Set(['planning', 'security-review']))).toBe('security-review');
  });
});
