import { releaseNotesJson, releaseNotesMarkdown } from '../domain/release-notes';
import { publishedTitle } from '../domain/publishing';
import type { ExportResult, MacroConfig } from '../shared/macros';
import { releaseNotesFor } from './get-release-notes';
import { loadMacroRelease } from './macro-release';
import type { MacroDeps } from './macro-deps';
import { projectTranslator } from './project-language';

/** A file name from a version name: letters, digits, dots and dashes only. */
export function fileSlug(value: string): string {
  return value.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'release';
}

/** Release notes as a Markdown or JSON file, for a CHANGELOG or a GitHub release. */
export async function exportReleaseNotes(deps: MacroDeps, accountId: string, config: MacroConfig, format: 'markdown' | 'json'): Promise<ExportResult> {
  const { actor, loaded } = await loadMacroRelease(deps, accountId, config);
  // Headings and group titles in the project's language; the JSON's keys and ids stay as they are for scripts.
  const tr = projectTranslator(loaded.settings);
  const notes = await releaseNotesFor(deps, config, loaded.version.id, tr);
  const release = loaded.version.name.startsWith(`${actor.project.key} `) ? loaded.version.name : `${actor.project.key} ${loaded.version.name}`;
  // Customer and internal notes are different files: one download must not overwrite the other.
  const name = `release-notes-${fileSlug(release)}-${config.audience}`;
  if (format === 'markdown') {
    return {
      filename: `${name}.md`,
      mimeType: 'text/markdown',
      text: releaseNotesMarkdown(publishedTitle(tr, 'release-notes', actor.project.key, loaded.version.name, config.audience), notes, {
        none: tr.t('pages.notes.none'),
        unfinished: (count) => tr.t('pages.notes.unfinished', { count }),
      }),
    };
  }
  const v = loaded.version;
  const meta = { project: actor.project.key, version: v.name, ...(v.releaseDate && { releaseDate: v.releaseDate }), audience: config.audience, grouping: config.grouping };
  return { filename: `${name}.json`, mimeType: 'application/json', text: releaseNotesJson(meta, notes) };
}
