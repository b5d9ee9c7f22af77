import { z } from 'zod';
import { issueProblem } from '../../src/resolvers/field-problems';
import { callerTranslator, say } from '../../src/i18n/server-translator';
import { projectSettingsSchema } from '../../src/shared/settings';
import { tagRulesSchema } from '../../src/domain/deployments';
import { saveReleaseNotePayload } from '../../src/shared/qa';
import type { FieldProblem } from '../../src/errors';
import { PSEUDO_LOCALE } from '../../src/shared/i18n/locales';
import * as calendar from '../../src/shared/calendar';
import * as ciGate from '../../src/shared/ci-gate';
import * as health from '../../src/shared/health';
import * as macros from '../../src/shared/macros';
import * as monitoring from '../../src/shared/monitoring';
import * as notifications from '../../src/shared/notifications';
import * as qa from '../../src/shared/qa';
import * as releasePanel from '../../src/shared/release-panel';
import * as releases from '../../src/shared/releases';
import * as settings from '../../src/shared/settings';
import * as trainNotes from '../../src/shared/train-notes';
import * as trains from '../../src/shared/trains';
import * as template from '../../src/domain/template';
import * as deployments from '../../src/domain/deployments';
import * as checklistItems from '../../src/domain/checklist-items';

/**
 * A zod issue as a field problem: English exactly as written, other languages from the issue's
 * code or from the app's own message read back from its English (numbers and nested problems too).
 */
function problems(schema: z.ZodType, value: unknown, locale: string): string[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  const tr = callerTranslator(locale);
  return parsed.error.issues.map((issue) => issueProblem(issue, 'payload', value)).map((p: FieldProblem) => `${p.field}: ${typeof p.message === 'string' ? p.message : say(tr, p.message)}`);
}

it('keeps English as zod and the schema wrote it, and says why in the message id\'s words', () => {
  const schema = z.object({ n: z.number().int().min(2).max(10), tags: z.array(z.string()).max(1), kind: z.enum(['a', 'b']), when: z.iso.datetime() }).strict();
  const value = { n: 11, tags: ['x', 'y'], kind: 'c', when: 'soon' };
  const en = schema.safeParse(value).error!.issues.map((i) => issueProblem(i, 'payload', value));
  expect(en.map((p) => p.asWritten)).toEqual(schema.safeParse(value).error!.issues.map((i) => i.message));
  expect(problems(schema, value, 'de-DE')).toEqual(['n: höchstens 10 erlaubt', 'tags: höchstens 1 Eintrag erlaubt', 'kind: erwartet einen der Werte "a" oder "b"', 'when: erwartet Datum und Uhrzeit wie 2026-12-01T10:15:00Z']);
  expect(problems(schema, { ...value, n: 1.5 }, 'ja-JP')[0]).toBe('n: 整数を指定してください');
});

it('reads a number in the app\'s own message back as a number, formatted for the reader', () => {
  expect(problems(saveReleaseNotePayload, { text: 'x'.repeat(20_001), internal: false }, 'de-DE')).toEqual([expect.stringMatching(/^text: der Release-Hinweis darf höchstens [\d.]+ Zeichen lang sein$/)]);
});

it('translates a problem nested in the app\'s own message, and leaves an unknown message as written', () => {
  const rule = { tag: 'v{major}.{minor}', version: 'PAY {major}.{nope}' };
  expect(problems(tagRulesSchema, [rule], 'fr-FR')).toEqual([expect.stringMatching(/^0\.version: espace réservé inconnu \{nope\} : utilisez \{major\}/)]);
  const custom = z.string().refine(() => false, { message: 'a message no catalogue knows' });
  expect(problems(custom, 'x', 'ja-JP')).toEqual(['payload: a message no catalogue knows']);
  const environments = projectSettingsSchema.shape.environments;
  expect(problems(environments, { '-blue': 'production' }, 'de-DE')).toEqual([
    '-blue: Umgebungsname „-blue“: erwartet Buchstaben, Ziffern, Leerzeichen, „.“, „_“, „/“ oder „-“, beginnend mit einem Buchstaben oder einer Ziffer',
  ]);
});

/** Every zod schema a module exports, and the fields of the object ones. */
function schemasOf(modules: readonly object[]): z.ZodType[] {
  return modules.flatMap((mod) =>
    Object.values(mod).flatMap((value) => {
      if (!(value instanceof z.ZodType)) return [];
      return value instanceof z.ZodObject ? [value, ...(Object.values(value.shape) as z.ZodType[])] : [value];
    }),
  );
}

it('has a translation for every message of the app\'s own that the shared schemas give for a wrong value', () => {
  const modules = [calendar, ciGate, health, macros, monitoring, notifications, qa, releasePanel, releases, settings, trainNotes, trains, template, deployments, checklistItems];
  const wrong: unknown[] = [{}, null, 'x', 5, [], { a: 1 }, '', -1, 1.5, 'x'.repeat(70_000), [1, 2], true, ['x', 'x'], 'A', '{x}'];
  const untranslated = new Set<string>();
  for (const schema of schemasOf(modules)) {
    for (const value of wrong) {
      const parsed = schema.safeParse(value);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) {
        const problem = issueProblem(issue, 'payload', value);
        if (typeof problem.message === 'string') untranslated.add(issue.message);
        else for (const locale of ['de-DE', 'fr-FR', 'ja-JP', PSEUDO_LOCALE]) expect(say(callerTranslator(locale), problem.message)).not.toMatch(/^errors\./);
      }
    }
  }
  expect([...untranslated]).toEqual([]);
});
