import { ROLES, type ReleaseView, type Role } from '../../../../src/shared/release-panel';
import type { UiTranslator } from '../i18n/load-translator';
import type { MessageId } from '../i18n/message-ids';

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

const RULES: Record<PanelAction, readonly Role[]> = {
  'set-dates': OWNER,
  'set-type': OWNER,
  advance: OWNER,
  override: OWNER,
  'decide-scope': OWNER,
  'set-announcement': OWNER,
  'release-version': OWNER,
  'set-build': ['release-owner', 'qa'],
  tick: ROLES,
  publish: ROLES,
  'publish-evidence': OWNER,
  'edit-checklist': OWNER,
};

/** Whether `me` only reads this release: the panel header says why, once; no section repeats it. */
export function readOnly(me: ReleaseView['me']): boolean {
  return Boolean(me.readOnlyReason);
}

/**
 * Why `me` may not take `action` (visible text for the disabled control), or undefined when they
 * may. A read-only person gets the short "Read only" (the control is disabled); sections show the
 * reason through `PanelWhy`, which stays silent for them because the header already says it.
 */
export function refusalFor(t: UiTranslator, me: ReleaseView['me'], action: PanelAction): string | undefined {
  // Publishing a page changes no release record, so a complete release can still get its pages.
  if (action === 'publish') return me.roles.length > 0 ? undefined : me.readOnlyReason ? t.t('panel.readOnly.short') : t.t('panel.refusal.publish');
  // The evidence page matters most once the release is done, so a complete release may publish it too.
  if (action === 'publish-evidence') return me.roles.includes('release-owner') ? undefined : t.t('panel.refusal.publish-evidence');
  if (me.readOnlyReason) return t.t('panel.readOnly.short');
  return RULES[action].some((role) => me.roles.includes(role)) ? undefined : t.t(`panel.refusal.${action}` as MessageId);
}

/** Why `me` may not sign in `role` (only in a role they hold), or undefined when they may. */
export function signOffRefusal(t: UiTranslator, me: ReleaseView['me'], role: Role): string | undefined {
  if (me.readOnlyReason) return t.t('panel.readOnly.short');
  return me.roles.includes(role) ? undefined : t.t(`panel.signoff.onlyRole.${role}`);
}
