import type { ProjectSettings } from '../shared/settings';
import { DEFAULT_TEMPLATE, type PreflightRole } from './template';

/**
 * Settings a project starts with before an admin saves any: the default template, and Preflight
 * roles matched to the project's Jira roles by their usual names.
 */
export function defaultSettings(projectRoles: Array<{ id: string; name: string }>): ProjectSettings {
  const byName = (pattern: RegExp) => projectRoles.filter((r) => pattern.test(r.name)).map((r) => r.id);
  return {
    template: DEFAULT_TEMPLATE,
    defaultReleaseType: 'minor',
    roleMapping: {
      'release-owner': byName(/^administrators?$/i),
      'engineering-lead': byName(/^(developers?|engineering leads?)$/i),
      qa: byName(/^(qa|quality assurance|testers?)$/i),
    },
    qaIssueTypes: ['Story', 'Bug'],
    blockerPriorities: ['Highest', 'High'],
    beddingInDays: 7,
    language: 'en',
  };
}

/** The Preflight roles held through a set of Jira project role ids. */
export function rolesFromProjectRoles(settings: ProjectSettings, heldRoleIds: ReadonlySet<string>): PreflightRole[] {
  return (Object.entries(settings.roleMapping) as Array<[PreflightRole, string[]]>)
    .filter(([, ids]) => ids.some((id) => heldRoleIds.has(id)))
    .map(([role]) => role);
}
