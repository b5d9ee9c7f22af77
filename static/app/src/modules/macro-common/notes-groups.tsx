import { RouterLink } from '../../components/router-link';
import { useT } from '../../i18n/use-t';
import type { ReleaseNotesView } from '../../../../../src/shared/macros';

/**
 * A release's notes as lists: one section per group, then the work not yet shipped when listed.
 * Shared by the release notes macro (groups as h3) and the train notes macro (a member's groups
 * as h4, under the member's h3). Issue text is React text: markup in a summary shows as characters.
 *
 * In the release notes macro each group is a region named after it. In the train notes macro the
 * member's section is the region and its groups are not: every member has its own "New features",
 * and regions of the same name cannot be told apart in a screen reader's landmark list; the h4
 * headings still lead to each group.
 */
export function NotesGroups({ notes, level = 3 }: { notes: Pick<ReleaseNotesView, 'groups' | 'unfinished'>; level?: 3 | 4 }) {
  const { t } = useT();
  const Heading = level === 3 ? 'h3' : 'h4';
  /** A section's name makes it a region: only where it is unique on the page (see above). */
  const regionName = (name: string) => (level === 3 ? { 'aria-label': name } : {});
  return (
    <>
      {notes.groups.length === 0 && <p>{t('macros.notes.noChanges')}</p>}
      {notes.groups.map((group) => (
        <section key={group.key} {...regionName(group.title)}>
          <Heading>
            {group.title} <span className="count">{t('macros.count', { count: group.count })}</span>
          </Heading>
          <ul>
            {group.entries.map((e) => (
              <li key={`${group.key}-${e.issueId}`}>
                <RouterLink href={e.url}>{e.issueKey}</RouterLink>{' '}
                <span data-testid="note-text">{e.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {notes.unfinished.length > 0 && (
        <section {...regionName(t('macros.notes.unfinished'))}>
          <Heading>
            {t('macros.notes.unfinished')} <span className="count">{t('macros.count', { count: notes.unfinished.length })}</span>
          </Heading>
          <p className="muted">{t('macros.notes.unfinishedHint')}</p>
          <ul>
            {notes.unfinished.map((e) => (
              <li key={`unfinished-${e.issueId}`}>
                <RouterLink href={e.url}>{e.issueKey}</RouterLink> <span>{e.text}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
