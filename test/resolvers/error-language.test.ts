import { createEmulatedSite, projectPageExtension } from '../../local/emulated-site';
import type { Envelope } from '../../src/shared/envelope';
import { MACRO_KEYS, MACRO_MODULES, type MacroConfigInput } from '../../src/shared/macros';
import { INTEGRATION_KEYS } from '../../src/shared/notifications';
import { SETTINGS_KEYS, type SettingsView } from '../../src/shared/settings';
import { TRAIN_KEYS } from '../../src/shared/trains';

/**
 * Every error a person can meet reads in their Forge locale: refusals the use cases raise, and the
 * field messages of a request that does not fit its schema (zod's own, worded from the issue, and
 * the app's own, such as 'expected a train name such as "2026.12"'). English reads as before.
 */
const site = createEmulatedSite({ issues: 60 });
type Persona = 'release-owner' | 'viewer';
type Answer = Envelope<unknown>;

const onSettings = (functionKey: string, payload: unknown, locale?: string) =>
  site.invoke<Answer>({ as: 'release-owner', functionKey, payload, moduleKey: 'preflight-settings', extension: projectPageExtension(site, 'PAY'), ...(locale && { locale }) });
const onTrains = (functionKey: string, payload: unknown, locale?: string) =>
  site.invoke<Answer>({ as: 'release-owner', functionKey, payload, moduleKey: 'preflight-portfolio', extension: { type: 'jira:globalPage' }, ...(locale && { locale }) });
const config = (): MacroConfigInput => ({ projectKey: 'PAY', versionId: site.jira.versions.find((v) => v.name === 'PAY 2.2')!.id });
const publish = (as: Persona, locale?: string) =>
  site.invoke<Answer>({
    as,
    functionKey: MACRO_KEYS.publish,
    payload: { config: config(), kind: 'release-notes', spaceId: '98305' },
    moduleKey: MACRO_MODULES.releaseNotes,
    extension: { type: 'macro', content: { id: '98306', type: 'page' }, space: { id: '98305', key: 'REL' }, config: config() },
    ...(locale && { locale }),
  });
const error = (answer: Answer) => (answer.ok ? undefined : answer.error);

afterEach(() => expect(site.violations).toEqual([]));

describe('a refusal raised as a sentence of the app', () => {
  it('says that no webhook is set in German and Japanese, and in English as before', async () => {
    const payload = { channel: 'teams' };
    expect(error(await onSettings(INTEGRATION_KEYS.sendTestMessage, payload, 'de-DE'))).toEqual({
      code: 'NOT_FOUND',
      message: 'Für PAY ist kein Microsoft-Teams-Webhook eingerichtet: Speichern Sie zuerst einen.',
    });
    expect(error(await onSettings(INTEGRATION_KEYS.sendTestMessage, payload, 'ja-JP'))).toEqual({
      code: 'NOT_FOUND',
      message: 'PAY には Microsoft Teams の Webhook が設定されていません。先に保存してください。',
    });
    expect(error(await onSettings(INTEGRATION_KEYS.sendTestMessage, payload))).toEqual({ code: 'NOT_FOUND', message: 'No Microsoft Teams webhook is set for PAY: save one first.' });
  });

  it('refuses publishing without a Preflight role in German and Japanese, and in English as before', async () => {
    expect(error(await publish('viewer', 'de-DE'))).toEqual({
      code: 'FORBIDDEN',
      message: 'Zum Veröffentlichen brauchen Sie eine Preflight-Rolle in PAY (Release-Verantwortliche, technische Leitung oder QA).',
    });
    expect(error(await publish('viewer', 'ja-JP'))).toEqual({
      code: 'FORBIDDEN',
      message: '公開するには PAY での Preflight ロール (リリースオーナー、エンジニアリングリード、QA のいずれか) が必要です。',
    });
    expect(error(await publish('viewer'))).toEqual({ code: 'FORBIDDEN', message: 'Publishing needs a Preflight role in PAY (release owner, engineering lead or QA).' });
  });
});

describe('the fields of a request that does not fit', () => {
  // A missing name and a field the schema does not know (zod's own messages), a name too long and
  // a project key in the wrong form (the app's own), a value of the wrong type.
  const missing = { projectKey: 'PAY', extra: 1 };
  const wrong = { name: 'x'.repeat(61), projectKey: 'pay' };
  const tick = { trainId: '2026.12', revision: 'one', gateId: 'tg-1', ticked: 'yes' };

  it('reads in German, in the sentence and next to each field', async () => {
    expect(error(await onTrains(TRAIN_KEYS.create, missing, 'de-DE'))).toEqual({
      code: 'INVALID_INPUT',
      message: 'Ungültige Anfrage: name: fehlt; payload: unbekanntes Feld "extra"',
      fields: [
        { field: 'name', message: 'fehlt' },
        { field: 'payload', message: 'unbekanntes Feld "extra"' },
      ],
    });
    expect(error(await onTrains(TRAIN_KEYS.create, wrong, 'de-DE'))).toMatchObject({
      fields: [
        { field: 'name', message: 'höchstens 60 Zeichen erlaubt' },
        { field: 'projectKey', message: 'erwartet einen Jira-Projektschlüssel wie „PAY“' },
      ],
    });
    expect(error(await onTrains(TRAIN_KEYS.create, { name: '', projectKey: 'PAY' }, 'de-DE'))).toMatchObject({ message: 'Ungültige Anfrage: name: erwartet einen Train-Namen wie „2026.12“' });
    expect(error(await onTrains(TRAIN_KEYS.tick, tick, 'de-DE'))).toMatchObject({
      fields: [
        { field: 'revision', message: 'erwartet die Revision, auf der die Änderung beruht (eine Zahl)' },
        { field: 'ticked', message: 'erwartet true oder false' },
      ],
    });
    expect(error(await onSettings(INTEGRATION_KEYS.sendTestMessage, { channel: 'email' }, 'de-DE'))).toMatchObject({ fields: [{ field: 'channel', message: 'erwartet den Kanal „slack“ oder „teams“' }] });
  });

  it('reads in Japanese', async () => {
    expect(error(await onTrains(TRAIN_KEYS.create, missing, 'ja-JP'))).toEqual({
      code: 'INVALID_INPUT',
      message: '無効なリクエストです: name: 必須です、payload: 不明なフィールド "extra"',
      fields: [
        { field: 'name', message: '必須です' },
        { field: 'payload', message: '不明なフィールド "extra"' },
      ],
    });
    expect(error(await onTrains(TRAIN_KEYS.create, wrong, 'ja-JP'))).toMatchObject({
      fields: [
        { field: 'name', message: '60 文字以内で入力してください' },
        { field: 'projectKey', message: '「PAY」のような Jira プロジェクトキーを指定してください' },
      ],
    });
    expect(error(await onTrains(TRAIN_KEYS.create, { name: '', projectKey: 'PAY' }, 'ja-JP'))).toMatchObject({ fields: [{ field: 'name', message: '「2026.12」のようなトレイン名を入力してください' }] });
    expect(error(await onSettings(INTEGRATION_KEYS.sendTestMessage, { channel: 'email' }, 'ja-JP'))).toMatchObject({ fields: [{ field: 'channel', message: 'チャネル「slack」または「teams」を指定してください' }] });
  });

  it('reads in English exactly as zod and the schemas wrote it', async () => {
    expect(error(await onTrains(TRAIN_KEYS.create, missing))).toEqual({
      code: 'INVALID_INPUT',
      message: 'Invalid request: name: Invalid input: expected string, received undefined; payload: Unrecognized key: "extra"',
      fields: [
        { field: 'name', message: 'Invalid input: expected string, received undefined' },
        { field: 'payload', message: 'Unrecognized key: "extra"' },
      ],
    });
    expect(error(await onTrains(TRAIN_KEYS.create, wrong))).toMatchObject({
      message: 'Invalid request: name: expected at most 60 characters; projectKey: expected a Jira project key such as "PAY"',
    });
    expect(error(await onTrains(TRAIN_KEYS.tick, tick, 'en-US'))).toMatchObject({
      message: 'Invalid request: revision: expected the revision the change was made on (a number); ticked: expected true or false',
    });
  });

  it('words the settings page\'s refusals in the admin\'s language, keeping English as before', async () => {
    const answer = await onSettings(SETTINGS_KEYS.get, {});
    if (!answer.ok) throw new Error(answer.error.message);
    const current = answer.data as SettingsView;
    const payload = { revision: current.revision, settings: { ...current.settings, language: 'tlh', qaIssueTypes: ['Moon'] } };
    expect(error(await onSettings(SETTINGS_KEYS.save, payload, 'de-DE'))).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Ungültige Anfrage: settings.language: erwartet einen der Werte "en", "de", "fr" oder "ja"',
    });
    expect(error(await onSettings(SETTINGS_KEYS.save, payload))).toMatchObject({ fields: [{ field: 'settings.language', message: 'expected one of the languages en, de, fr, ja' }] });
    const unknownType = { revision: current.revision, settings: { ...current.settings, qaIssueTypes: ['Moon'] } };
    expect(error(await onSettings(SETTINGS_KEYS.save, unknownType, 'ja-JP'))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^無効な設定です: settings\.qaIssueTypes\.0: プロジェクトの課題タイプ \(.+\) のいずれかを指定してください$/),
    });
    expect(error(await onSettings(SETTINGS_KEYS.save, unknownType))).toMatchObject({ message: expect.stringMatching(/^Invalid settings: settings\.qaIssueTypes\.0: expected one of the project's issue types \(.+\)$/) });
  });
});

it('names the field a refusal is about in the reader\'s language', async () => {
  const created = await onTrains(TRAIN_KEYS.create, { name: '2027.02', projectKey: 'PAY' });
  if (!created.ok) throw new Error(created.error.message);
  const { revision } = created.data as { revision: number };
  const add = { trainId: '2027.02', revision, projectKey: 'PAY', versionId: '999999' };
  expect(error(await onTrains(TRAIN_KEYS.addMember, add, 'de-DE'))).toEqual({ code: 'NOT_FOUND', message: expect.any(String), fields: [{ field: 'versionId', message: 'keine solche Version in diesem Projekt' }] });
  expect(error(await onTrains(TRAIN_KEYS.addMember, add, 'ja-JP'))).toMatchObject({ fields: [{ field: 'versionId', message: 'このプロジェクトに該当するバージョンがありません' }] });
  expect(error(await onTrains(TRAIN_KEYS.addMember, add))).toMatchObject({ fields: [{ field: 'versionId', message: 'no such version in this project' }] });
});
