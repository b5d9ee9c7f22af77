import { gateNameText, phaseNameText } from '../../src/domain/default-names';
import { callerTranslator, say } from '../../src/i18n/server-translator';

const ja = callerTranslator('ja-JP');
const shown = (name: ReturnType<typeof phaseNameText>) => (typeof name === 'string' ? name : say(ja, name));

it('translates a phase or gate whose name is still the built-in default, and keeps one a person renamed', () => {
  expect(shown(phaseNameText({ id: 'planning', name: 'Planning' }))).toBe('計画');
  expect(shown(phaseNameText({ id: 'planning', name: 'Kick-off' }))).toBe('Kick-off');
  expect(shown(gateNameText({ id: 'rollback-plan', name: 'Rollback plan documented and tested' }))).toBe('ロールバック計画を文書化・テスト済み');
  expect(shown(gateNameText({ id: 'rollback-plan', name: 'Rollback rehearsed' }))).toBe('Rollback rehearsed');
  // An id the built-in template does not have is always a person's own.
  expect(shown(gateNameText({ id: 'my-item', name: 'Planning' }))).toBe('Planning');
});
