import { callResolver } from '../bridge/call-resolver';
import { flagError } from '../bridge/flags';
import { MACRO_KEYS, type ExportResult, type MacroConfig, type ReleaseNotesView } from '../../../../src/shared/macros';
import { ErrorNote } from './macro-common/error-note';
import { MacroFrame } from './macro-common/macro-frame';
import { NotesGroups } from './macro-common/notes-groups';
import { PublishBar } from './macro-common/publish-bar';
import { useLoad } from './macro-common/use-macro';

/** Offers text as a file download (Markdown or JSON release notes). */
function download(file: ExportResult): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportAs(config: MacroConfig, format: 'markdown' | 'json'): Promise<void> {
  try {
    download(await callResolver<ExportResult>(MACRO_KEYS.exportNotes, { config, format }));
  } catch (error) {
    flagError('Download failed', error);
  }
}

/** Issue text is rendered as React text: markup in a summary shows as characters, never as HTML. */
function Notes({ config }: { config: MacroConfig }) {
  const { data, error, reload } = useLoad(() => callResolver<ReleaseNotesView>(MACRO_KEYS.releaseNotes, { config }), [JSON.stringify(config)]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading release notes…</p>;
  return (
    <>
      <h2>Release notes: {data.version.name}</h2>
      <p className="muted" data-testid="notes-summary">
        {data.total} {data.total === 1 ? 'change' : 'changes'}
        {data.version.releaseDate ? ` · release date ${data.version.releaseDate}` : ''} · {data.audience === 'customer' ? 'customer-facing' : 'internal'}
        {data.leftOutInternal > 0 ? ` · ${data.leftOutInternal} internal left out` : ''}
        {data.unfinishedCount > 0 && data.unfinished.length === 0 ? ` · ${data.unfinishedCount} not yet shipped, not listed` : ''}
      </p>
      <NotesGroups notes={data} />
      <div className="toolbar">
        <button type="button" onClick={() => void exportAs(config, 'markdown')}>
          Download Markdown
        </button>
        <button type="button" onClick={() => void exportAs(config, 'json')}>
          Download JSON
        </button>
      </div>
      <PublishBar config={config} kind="release-notes" onPublished={reload} {...(data.published && { published: data.published })} />
    </>
  );
}

export default function ReleaseNotesMacro() {
  return (
    <MacroFrame what="release notes" showNotesOptions>
      {(config) => <Notes config={config} />}
    </MacroFrame>
  );
}
