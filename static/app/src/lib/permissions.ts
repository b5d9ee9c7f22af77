import { ROLES, type ReleaseView, type Role } from '../../../../src/shared/release-panel';
import { ROLE_NAMES } from './labels';

/**
 * Who may do what on the release panel, mirrored from the server's use cases (src/usecases/*,
 * `allowedRoles`) so a control the server would refuse is disabled up front, with the reason as
 * visible text. The server stays the judge: this only spares people a FORBIDDEN after the click.
 */
export type PanelAction =
  | 'set-dates'
  | 'set-type'
  | 'advance'
  | 'override'
  | 'decide-scope'
  | 'set-announcement'
  | 'release-version'
  | 'set-build'
  | 'tick'
  | 'edit-checklist'
  | 'publish'
  | 'publish-evidence';

const OWNER: readonly Role[] = ['release-owner'];

const RULES: Record<PanelAction, { roles: readonly Role[]; refusal: string }> = {
  'set-dates': { roles: OWNER, refusal: 'Only the release owner can set planned dates.' },
  'set-type': { roles: OWNER, refusal: 'Only the release owner can change the release type.' },
  advance: { roles: OWNER, refusal: 'Only the release owner can advance the phase.' },
  override: { roles: OWNER, refusal: 'Only the release owner can override failing gates.' },
  'decide-scope': { roles: OWNER, refusal: 'Only the release owner can accept or remove scope changes.' },
  'set-announcement': { roles: OWNER, refusal: 'Only the release owner can set the announcement date.' },
  'release-version': { roles: OWNER, refusal: 'Only the release owner can release the version in Jira.' },
  'set-build': { roles: ['release-owner', 'qa'], refusal: 'Only the release owner or the QA lead can set the build under test.' },
  tick: { roles: ROLES, refusal: 'Only people with a Preflight role can tick checklist items.' },
  publish: { roles: ROLES, refusal: 'Only people with a Preflight role can publish pages.' },
  'publish-evidence': { roles: OWNER, refusal: 'Only the release owner can publish the evidence page.' },
  'edit-checklist': { roles: OWNER, refusal: 'Only the release owner can add, rename or remove checklist items of this release.' },
};

/**
 * The short hint next to controls of a read-only person: the full reason is shown once, at the top
 * of the panel, rather than under every section.
 */
export const READ_ONLY_HINT = 'Read only: see the note at the top of the panel.';

/** Why `me` may not take `action` (visible text for the disabled control), or undefined when they may. */
export function refusalFor(me: ReleaseView['me'], action: PanelAction): string | undefined {
  // Publishing a page changes no release record, so a complete release can still get its pages.
  if (action === 'publish') return me.roles.length > 0 ? undefined : READ_ONLY_HINT;
  // The evidence page matters most once the release is done, so a complete release may publish it too.
  if (action === 'publish-evidence') return me.roles.includes('release-owner') ? undefined : RULES[action].refusal;
  if (me.readOnlyReason) return READ_ONLY_HINT;
  const rule = RULES[action];
  return rule.roles.some((role) => me.roles.includes(role)) ? undefined : rule.refusal;
}

/** "a" or "an" before a word, by its first letter (good enough for the role names). */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** Why `me` may not sign in `role` (only in a role they hold), or undefined when they may. */
export function signOffRefusal(me: ReleaseView['me'], role: Role): string | undefined {
  if (me.readOnlyReason) return READ_ONLY_HINT;
  return me.roles.includes(role) ? undefined : `Only ${withArticle(ROLE_NAMES[role].toLowerCase())} can sign here.`;
}
