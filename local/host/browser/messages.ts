/**
 * postMessage protocol between a module frame (frame-bridge.ts) and the page around it
 * (site-chrome.ts). Both run on the local site's origin; each side checks origin and source.
 * Type-only: this file is erased when the browser scripts are transpiled.
 */

/** A flag as the parent renders it; action callbacks stay in the frame, referenced by index. */
export interface FlagView {
  id: string;
  title: string;
  description?: string;
  type: string;
  actions: string[];
  isAutoDismiss: boolean;
}

export type FrameToParent =
  | { kind: 'resize'; height: number }
  | { kind: 'flag'; flag: FlagView }
  | { kind: 'close-flag'; id: string }
  | { kind: 'navigate'; url: string; newTab: boolean }
  | { kind: 'reload' }
  | { kind: 'history'; action: 'push' | 'replace'; path: string }
  | { kind: 'history-go'; delta: number }
  | { kind: 'submit'; payload: unknown }
  | { kind: 'close'; payload?: unknown }
  /** @forge/bridge `new Modal({...}).open()`: the page frames the same module with `extension.modal`. */
  | { kind: 'open-modal'; modal: ModalRequest }
  /** Escape pressed inside a modal's frame (its key events never reach the page around it). */
  | { kind: 'modal-escape' }
  | { kind: 'title'; title: string }
  | { kind: 'event'; event: string; payload: unknown };

export type ParentToFrame =
  | { kind: 'theme'; colorMode: 'light' | 'dark' }
  | { kind: 'history-pop'; path: string }
  | { kind: 'flag-action'; id: string; index: number }
  | { kind: 'event'; event: string; payload: unknown }
  /** The modal the frame opened was closed: by `view.close(payload)` inside it, or by Escape/overlay (no payload). */
  | { kind: 'modal-closed'; payload?: unknown };

/** What `Modal.open()` hands the host, minus `onClose` (a function stays in the opener's frame). */
export interface ModalRequest {
  resource: string | null;
  size: string | { width: string; height?: string };
  context: unknown;
  closeOnEscape: boolean;
  closeOnOverlayClick: boolean;
  title: string;
}

export const FRAME_SOURCE = 'preflight-frame';
export const PARENT_SOURCE = 'preflight-parent';

/** What the server puts in the bridge script's `data-host` attribute. */
export interface HostData {
  context: {
    accountId: string;
    moduleKey: string;
    localId: string;
    siteUrl: string;
    extension: Record<string, unknown> & { type: string };
    theme: { colorMode: 'light' | 'dark' };
    [key: string]: unknown;
  };
  /** The signed-in local user's email: basic auth for requestJira/requestConfluence. */
  userEmail: string;
  /** Frame history location (the part of the page URL after the module's own route). */
  historyPath: string;
  /** Where the token stylesheet lives (theme.enable loads it). */
  tokensHref: string;
  /** The `data-theme` attribute value for <html>. */
  themeAttribute: string;
}
