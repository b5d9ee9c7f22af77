import { showFlag } from '@forge/bridge';
import type { UiTranslator } from '../i18n/load-translator';
import { ResolverFailure } from './call-resolver';

/**
 * Flags go through the host (Jira shows them above the page), so they survive the frame
 * re-rendering. Ids are unique per call so two quick errors don't replace each other.
 */
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now()}-${++counter}`;

/** A failed action: the title says what failed, the description what the server said. */
export function flagError(title: string, error: unknown): void {
  showFlag({ id: nextId('preflight-error'), title, description: errorMessage(error), type: 'error', isAutoDismiss: false });
}

/** A finished action the person might not see otherwise (the view already shows the result). */
export function flagSuccess(title: string, description?: string): void {
  showFlag({ id: nextId('preflight-success'), title, ...(description && { description }), type: 'success', isAutoDismiss: true });
}

/**
 * Someone else's change clashed with the person's: the screen reloads, and the flag shows the
 * server's one sentence (who changed what, and when) as it is, adding nothing that repeats it.
 * The title is in the person's language (the translator from useT()).
 */
export function flagConflict(description: string, translator: UiTranslator): void {
  showFlag({
    id: nextId('preflight-conflict'),
    title: translator.t('releases.flag.conflict'),
    description,
    type: 'warning',
    isAutoDismiss: false,
  });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ResolverFailure) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isFailure(error: unknown, code: ResolverFailure['code']): error is ResolverFailure {
  return error instanceof ResolverFailure && error.code === code;
}
