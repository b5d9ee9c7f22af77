import { createEmulatedSite } from '../../local/emulated-site';
import { runInvocation } from '../../local/runtime/forge-runtime';
import type { ManifestModule } from '../../local/site/manifest';
import { exportEvent, type ExportFormat } from '../../local/site/export/page-export';
import { adfProblems } from '../../src/domain/adf/adf-kit';
import { exportLocale } from '../../src/resolvers/export-note';
import { adfTexts } from '../support/adf-text';

/**
 * A Preflight macro that is not configured yet names no project, so its Word/PDF export says so in
 * the exporting person's language: the locale the (emulated) Confluence export passes in the
 * event's context, as `exportEvent` builds it for the local site's Word and PDF export. Without a
 * locale (Atlassian documents only `exportType` for the payload), it reads in English.
 */

const site = createEmulatedSite();
const EXPORTS = ['checklist-export', 'release-notes-export', 'retrospective-export', 'calendar-export', 'health-export', 'train-notes-export'];


/**
 * The event the local site's page export hands a macro with no saved config, with the exporting
 * person's locale in its context as Confluence might send it (the emulator sends none: not documented).
 */
const unconfigured = (format: ExportFormat, locale: string) => {
  const event = exportEvent({ format, config: undefined, localId: 'macro-1', module: { key: 'preflight-macro' } as ManifestModule, pageId: '1', space: { id: '1', key: 'REL' }, siteUrl: 'http://localhost:4000' });
  return { ...event, context: { ...(event.context as object), locale } };
};

async function exported(functionKey: string, event: unknown): Promise<unknown> {
  const accountId = site.user('viewer').accountId;
  return runInvocation({ accountId, moduleKey: 'export' }, async () => site.handler(functionKey)(event, { principal: { accountId } }));
}

describe('the export of a macro that is not configured yet', () => {
  it.each(EXPORTS)('%s: in German for a German exporter (Word), in Japanese for a Japanese one (PDF)', async (functionKey) => {
    const de = await exported(functionKey, unconfigured('word', 'de-DE'));
    expect(adfProblems(de)).toEqual([]);
    expect(adfTexts(de)).toEqual(['Dieses Preflight-Makro ist noch nicht konfiguriert.']);
    expect(adfTexts(await exported(functionKey, unconfigured('pdf', 'ja-JP')))).toEqual(['この Preflight マクロはまだ設定されていません。']);
    expect(adfTexts(await exported(functionKey, unconfigured('word', 'fr-FR')))).toEqual(['Cette macro Preflight n’est pas encore configurée.']);
  });

  it.each(EXPORTS)('%s: in English without a locale, with one Preflight does not speak, and for English', async (functionKey) => {
    for (const event of [{ exportType: 'word' }, unconfigured('pdf', 'pt-BR'), unconfigured('word', 'en-US'), { exportType: 'pdf', context: { locale: 42 } }]) {
      expect(adfTexts(await exported(functionKey, event))).toEqual(['This Preflight macro is not configured yet.']);
    }
  });

  it('a configured export that cannot go on says why in the exporting person\'s language too', async () => {
    // The calendar export with nobody named as the exporter shows no releases, and says so.
    const event = (locale: string) => ({ ...unconfigured('word', locale), context: { ...(unconfigured('word', locale).context as object), config: { projectKeys: ['PAY'] } } });
    const nobody = (locale: string) => runInvocation({ accountId: site.user('viewer').accountId, moduleKey: 'export' }, async () => site.handler('calendar-export')(event(locale), {}));
    expect(adfTexts(await nobody('de-DE'))).toEqual(['Preflight konnte nicht feststellen, wer exportiert, und zeigt daher keine Releases.']);
    expect(adfTexts(await nobody('ja-JP'))).toEqual(['Preflight はエクスポートしている人を特定できなかったため、リリースを表示しません。']);
    expect(adfTexts(await nobody('en-GB'))).toEqual(['Preflight could not tell who is exporting, so it shows no releases.']);
  });

  it('reads the locale only from the event\'s context, as a string', () => {
    expect(exportLocale(unconfigured('word', 'de-DE'))).toBe('de-DE');
    expect([exportLocale(undefined), exportLocale(null), exportLocale('de'), exportLocale({ locale: 'de-DE' }), exportLocale({ context: { locale: ['de'] } })]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
