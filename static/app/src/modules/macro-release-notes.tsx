import Button from '@atlaskit/button/new';
import { callResolver } from '../bridge/call-resolver';
import { flagError } from '../bridge/flags';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { MACRO_KEYS, type ExportResult, type MacroConfig, type ReleaseNotesView } from '../../../../src/shared/macros';
import { ErrorNote } from './macro-common/error-note';
import { MacroFrame } from './macro-common/macro-frame';
import { NotesGroups } from './macro-common/notes-groups';
import { PublishBarLater } from './macro-common/publish-bar-later';
import { useLoad } from './macro-common/use-macro';

/** Offers text as a file download (Markdown or JSON release notes). */
function download(file: ExportResult, filename: string): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "PAY 2.2 release notes (customer).md" in the person's language: customer and internal files
 * never overwrite each other in a downloads folder. Characters no file system takes become "-".
 */
export function exportFileName(t: UiTranslator, projectKey: string, versionName: string, audience: ReleaseNotesView['audience'], extension: string): string {
  const release = versionName.startsWith(`${projectKey} `) ? versionName : `${projectKey} ${versionName}`;
  const name = t.t(audience === 'customer' ? 'macros.notes.fileCustomer' : 'macros.notes.fileInternal', { release });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return `${name.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '-').trim()}.${extension}`;
}

async function exportAs(t: UiTranslator, config: MacroConfig, notes: ReleaseNotesView, format: 'markdown' | 'json'): Promise<void> {
  try {
    const file = await callResolver<ExportResult>(MACRO_KEYS.exportNotes, { config, format });
    download(file, exportFileName(t, config.projectKey, notes.version.name, notes.audience, format === 'markdown' ? 'md' : 'json'));
  } catch (error) {
    flagError(t.t('macros.notes.downloadFailed'), error);
  }
}

/** Issue text is rendered as React text: markup in a summary shows as characters, never as HTML. */
function Notes({ config }: { config: MacroConfig }) {
  const translator = useT();
  const { t, day } = translator;
  const { data, error, reload } = useLoad(() => callResolver<ReleaseNotesView>(MACRO_KEYS.releaseNotes, { config }), [JSON.stringify(config)]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('macros.notes.loading')}</p>;
  const summary = [
    t('macros.changes', { count: data.total }),
    ...(data.version.releaseDate ? [t('macros.notes.releaseDate', { date: day(data.version.releaseDate) })] : []),
    t(data.audience === 'customer' ? 'macros.audience.customer' : 'macros.audience.internal'),
    ...(data.leftOutInternal > 0 ? [t('macros.notes.leftOut', { count: data.leftOutInternal })] : []),
    ...(data.unfinishedCount > 0 && data.unfinished.length === 0 ? [t('macros.notes.unlisted', { count: data.unfinishedCount })] : []),
  ];
  return (
    <>
      <h2>{t('macros.notes.heading', { version: data.version.name })}</h2>
      <p className="muted" data-testid="notes-summary">
        {summary.join(' · ')}
      </p>
      <NotesGroups notes={data} />
      <div className="toolbar">
        <Button onClick={() => void exportAs(translator, config, data, 'markdown')}>{t('macros.notes.downloadMarkdown')}</Button>
        <Button onClick={() => void exportAs(translator, config, data, 'json')}>{t('macros.notes.downloadJson')}</Button>
      </div>
      <PublishBarLater config={config} kind="release-notes" onPublished={reload} {...(data.published && { published: data.published })} />
    </>
  );
}

export default function ReleaseNotesMacro() {
  return <MacroFrame kind="release-notes">{(config) => <Notes config={config} />}</MacroFrame>;
}
