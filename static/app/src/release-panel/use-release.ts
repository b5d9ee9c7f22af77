import { useCallback, useEffect, useRef, useState } from 'react';
import { PANEL_KEYS, type ReleaseView } from '../../../../src/shared/release-panel';
import { ResolverFailure, callResolver } from '../bridge/call-resolver';
import { errorMessage, flagConflict, flagError } from '../bridge/flags';
import { useT } from '../i18n/use-t';

export type PanelState = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'loaded'; view: ReleaseView };

/** A write's outcome: the caller only needs the failure when it wants to react (e.g. to a refused advance). */
export type WriteResult = { ok: true } | { ok: false; error: unknown };

/** The write resolvers: every one takes `{versionId, revision}` and answers the new ReleaseView. */
export type WriteKey = Exclude<(typeof PANEL_KEYS)[keyof typeof PANEL_KEYS], 'release/get' | 'release/issues' | 'release/audit'>;

export interface WriteOptions {
  /** The caller explains a refusal next to the control (the advance button does). */
  ruleViolationInPlace?: boolean;
  /**
   * Where the focus goes when the control that started the write is gone afterwards (a decided
   * scope change's buttons, say). By default the control keeps it; see `keepFocus`.
   */
  focusAfter?: () => HTMLElement | null | undefined;
}

export interface ReleaseController {
  state: PanelState;
  /** Which write is running, so its button can show a spinner and the others wait. */
  busy: WriteKey | undefined;
  reload: () => void;
  /** Re-reads the view without a spinner (after a change made in Jira, to show what Jira now says). */
  refresh: () => Promise<void>;
  /**
   * Runs a write with the revision last seen. "Changed by someone else" reloads the view and says
   * so in a flag; other failures become an error flag titled `failureTitle`, except a
   * RULE_VIOLATION when the caller shows it in place (`ruleViolationInPlace`).
   */
  write: (key: WriteKey, payload: Record<string, unknown>, failureTitle: string, options?: WriteOptions) => Promise<WriteResult>;
}

export function useRelease(versionId: string): ReleaseController {
  const translator = useT();
  const { t } = translator;
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  const [busy, setBusy] = useState<WriteKey>();
  const revision = useRef<number | undefined>(undefined);

  const fetchView = useCallback(
    (showSpinner: boolean) => {
      if (showSpinner) setState({ kind: 'loading' });
      return callResolver<ReleaseView>(PANEL_KEYS.get, { versionId })
        .then((view) => {
          revision.current = view.revision;
          setState({ kind: 'loaded', view });
        })
        .catch((error: unknown) => {
          if (showSpinner) setState({ kind: 'error', error });
          else flagError(t('panel.reloadFailed'), error);
        });
    },
    [versionId, t],
  );

  useEffect(() => {
    void fetchView(true);
  }, [fetchView]);

  const write = useCallback(
    async (key: WriteKey, payload: Record<string, unknown>, failureTitle: string, options: WriteOptions = {}): Promise<WriteResult> => {
      if (revision.current === undefined) return { ok: false, error: new Error(t('panel.notLoadedYet')) };
      const used = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
      setBusy(key);
      try {
        const view = await callResolver<ReleaseView>(key, { ...payload, versionId, revision: revision.current });
        revision.current = view.revision;
        setState({ kind: 'loaded', view });
        return { ok: true };
      } catch (error) {
        if (error instanceof ResolverFailure && error.code === 'CONFLICT') {
          flagConflict(errorMessage(error), translator);
          await fetchView(false);
        } else if (!(options.ruleViolationInPlace && error instanceof ResolverFailure && error.code === 'RULE_VIOLATION')) {
          flagError(failureTitle, error);
        }
        return { ok: false, error };
      } finally {
        setBusy(undefined);
        keepFocus(used, options.focusAfter);
      }
    },
    [versionId, fetchView, t, translator],
  );

  return { state, busy, reload: () => void fetchView(true), refresh: () => fetchView(false), write };
}

/**
 * Puts the keyboard focus back after a write. While it runs, the controls are disabled and the
 * browser drops the focus to <body>; the fresh view then re-renders them. Once React has committed
 * (the next frame), the control that was used gets the focus again, or the fallback when that
 * control is gone. Focus the person moved elsewhere meanwhile is left alone.
 */
function keepFocus(used: HTMLElement | undefined, fallback: WriteOptions['focusAfter']): void {
  if (!used) return;
  let frames = 0;
  const attempt = () => {
    const now = document.activeElement;
    if (now && now !== document.body && now !== used) return;
    const target = used.isConnected ? used : fallback?.();
    // React may commit the re-enabled control (or the fallback) a few frames later; a disabled one refuses focus.
    if ((!target || (target as HTMLButtonElement).disabled) && frames++ < 30) return void requestAnimationFrame(attempt);
    target?.focus();
  };
  requestAnimationFrame(attempt);
}
