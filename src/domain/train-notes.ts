import { releaseName } from '../shared/macros';

/**
 * A release train's combined notes (issue 14), pure: which members a reader sees, in what order,
 * under which heading, and the line that counts the members left out. Each member's own notes are
 * the single release's notes (release-notes.ts), built elsewhere and carried through untouched.
 */

/** A member the reader can see, with its project's name and the notes built for it. */
export interface VisibleMember<N> {
  projectKey: string;
  projectName: string;
  versionName: string;
  notes: N;
}

/** "Payments · PAY 2.2": the project as people know it, then the release. */
export function memberHeading(projectName: string, projectKey: string, versionName: string): string {
  return `${projectName} · ${releaseName(projectKey, versionName)}`;
}

/**
 * Members grouped by project: projects in name order (then key, for two projects of one name),
 * a project's members in version-name order with numbers compared as numbers ("2.10" after "2.9").
 */
export function orderMembers<N>(members: readonly VisibleMember<N>[]): Array<VisibleMember<N> & { heading: string }> {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...members]
    .sort((a, b) => collator.compare(a.projectName, b.projectName) || a.projectKey.localeCompare(b.projectKey) || collator.compare(a.versionName, b.versionName))
    .map((m) => ({ ...m, heading: memberHeading(m.projectName, m.projectKey, m.versionName) }));
}

/** The line that stands for members in projects the reader cannot see; undefined when none are hidden. */
export function hiddenMembersLine(hidden: number): string | undefined {
  if (hidden <= 0) return undefined;
  return hidden === 1 ? '1 member of this train is in a project you cannot see' : `${hidden} members of this train are in projects you cannot see`;
}
