/**
 * Runs inside every Custom UI frame, before the app bundle, and defines
 * `window.__bridge.callBridge(name, payload)`: the one function @forge/bridge calls for
 * everything (it looks it up when its modules load, hence "before the bundle"). Calls are
 * answered here, by the local site's HTTP API, or by the page around the frame via postMessage.
 *
 * Served as plain JS: the local site transpiles this file with TypeScript's transpileModule.
 * It must not import anything at runtime (type imports are erased).
 */
import type { FlagView, FrameToParent, HostData, ModalRequest, ParentToFrame } from './messages';

(() => {
  const script = document.currentScript;
  const hostJson = script instanceof HTMLScriptElement ? script.dataset.host : undefined;
  if (!hostJson) throw new Error('Preflight local host: the bridge script has no data-host attribute');
  const host = JSON.parse(hostJson) as HostData;
  const FRAME_SOURCE = 'preflight-frame';
  const PARENT_SOURCE = 'preflight-parent';

  function toParent(message: FrameToParent): void {
    window.parent.postMessage({ source: FRAME_SOURCE, frameId: host.context.localId, message }, window.location.origin);
  }

  // ---- theme --------------------------------------------------------------------------------
  let themingEnabled = false;
  let colorMode = host.context.theme.colorMode;

  function applyTheme(): void {
    if (!themingEnabled) return;
    const root = document.documentElement;
    root.setAttribute('data-theme', host.themeAttribute);
    root.setAttribute('data-color-mode', colorMode);
  }

  function enableTheming(): void {
    if (themingEnabled) return;
    themingEnabled = true;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = host.tokensHref;
    document.head.appendChild(link);
    applyTheme();
  }

  // ---- history ------------------------------------------------------------------------------
  interface Location {
    pathname: string;
    search: string;
    hash: string;
    state: unknown;
    key: string;
  }
  type Listener = (location: Location, action: string) => void;

  function parsePath(path: string, state: unknown = null): Location {
    const url = new URL(path.startsWith('/') ? path : `/${path}`, 'http://history.local');
    return { pathname: url.pathname, search: url.search, hash: url.hash, state, key: Math.random().toString(36).slice(2, 10) };
  }

  function pathOf(to: string | Partial<Location>): string {
    if (typeof to === 'string') return to;
    return `${to.pathname ?? '/'}${to.search ?? ''}${to.hash ?? ''}`;
  }

  const historyListeners = new Set<Listener>();
  function notifyHistory(action: string): void {
    for (const listener of historyListeners) listener(history.location, action);
  }
  /** A history object shaped like the `history` package's, which is what Forge hands out. */
  const history = {
    action: 'POP',
    location: parsePath(host.historyPath || '/'),
    push(to: string | Partial<Location>, state?: unknown): void {
      history.location = parsePath(pathOf(to), state ?? null);
      history.action = 'PUSH';
      toParent({ kind: 'history', action: 'push', path: pathOf(history.location) });
      notifyHistory('PUSH');
    },
    replace(to: string | Partial<Location>, state?: unknown): void {
      history.location = parsePath(pathOf(to), state ?? null);
      history.action = 'REPLACE';
      toParent({ kind: 'history', action: 'replace', path: pathOf(history.location) });
      notifyHistory('REPLACE');
    },
    go(delta: number): void {
      toParent({ kind: 'history-go', delta });
    },
    back(): void {
      history.go(-1);
    },
    forward(): void {
      history.go(1);
    },
    listen(listener: Listener): () => void {
      historyListeners.add(listener);
      return () => historyListeners.delete(listener);
    },
    createHref(to: string | Partial<Location>): string {
      return pathOf(to);
    },
  };

  // ---- modals: the page around the frame shows them; onClose stays here ----------------------
  let modalOnClose: ((payload: unknown) => void) | undefined;

  function openModal(options: Partial<ModalRequest> & { onClose?: (payload: unknown) => void }): boolean {
    if (modalOnClose) return false; // one modal at a time, as on Jira
    modalOnClose = typeof options.onClose === 'function' ? options.onClose : () => undefined;
    const modal: ModalRequest = {
      resource: typeof options.resource === 'string' ? options.resource : null,
      size: options.size ?? 'medium',
      // Structured-clonable only, as Forge passes it through its own postMessage.
      context: JSON.parse(JSON.stringify(options.context ?? {})),
      closeOnEscape: options.closeOnEscape !== false,
      closeOnOverlayClick: options.closeOnOverlayClick !== false,
      title: String(options.title ?? ''),
    };
    toParent({ kind: 'open-modal', modal });
    return true;
  }

  // Inside a modal's frame, Escape asks the page to close the modal (it decides: closeOnEscape).
  // Bubbling phase, so a control that handles Escape itself (an open menu) can preventDefault.
  if (host.context.extension.modal !== undefined) {
    window.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) toParent({ kind: 'modal-escape' });
    });
  }

  // ---- flags and events ---------------------------------------------------------------------
  const flagActions = new Map<string, Array<() => void>>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  // ---- navigation targets -------------------------------------------------------------------
  const extension = host.context.extension;
  function projectKey(): string | undefined {
    const project = extension.project as { key?: string } | undefined;
    return project?.key;
  }

  /** Turns a Forge NavigationLocation into a local-site URL. */
  function urlFor(location: Record<string, unknown>): string {
    const target = String(location.target ?? '');
    const origin = window.location.origin;
    switch (target) {
      case 'issue':
        return `${origin}/browse/${encodeURIComponent(String(location.issueKey))}`;
      case 'contentView':
      case 'contentEdit':
        return `${origin}/wiki/pages/${encodeURIComponent(String(location.contentId))}`;
      case 'spaceView':
        return `${origin}/wiki/spaces/${encodeURIComponent(String(location.spaceKey))}`;
      case 'projectSettingsDetails':
        return `${origin}/jira/projects/${encodeURIComponent(String(location.projectKey))}/settings`;
      case 'module': {
        const key = projectKey();
        if (!key) throw new Error('Local host: module navigation needs a project context');
        return `${origin}/jira/projects/${encodeURIComponent(key)}/apps/${encodeURIComponent(String(location.moduleKey))}`;
      }
      default:
        throw new Error(`Local host: navigation target "${target}" is not supported`);
    }
  }

  // ---- HTTP helpers -------------------------------------------------------------------------
  function basicAuth(): string {
    return `Basic ${btoa(`${host.userEmail}:local-token`)}`;
  }

  async function invoke(payload: { functionKey: string; payload?: unknown }): Promise<unknown> {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        moduleKey: host.context.moduleKey,
        functionKey: payload.functionKey,
        payload: payload.payload ?? {},
        accountId: host.context.accountId,
        extension: host.context.extension,
        localId: host.context.localId,
      }),
    });
    const answer = (await response.json()) as { result?: unknown; error?: string };
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.result;
  }

  async function fetchProduct(payload: {
    product: string;
    restPath: string;
    fetchRequestInit?: { method?: string; body?: string | null; headers?: Array<[string, string]> };
  }): Promise<unknown> {
    if (payload.product !== 'jira' && payload.product !== 'confluence') {
      throw new Error(`Local host: product "${payload.product}" is not simulated`);
    }
    if (!payload.restPath.startsWith('/')) throw new Error('restPath must start with /');
    const init = payload.fetchRequestInit ?? {};
    const headers = new Headers(init.headers ?? []);
    headers.set('authorization', basicAuth());
    const method = (init.method ?? 'GET').toUpperCase();
    const response = await fetch(payload.restPath, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : (init.body ?? undefined),
    });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: responseHeaders,
      body: await response.text(),
      isAttachment: false,
    };
  }

  // ---- the bridge ---------------------------------------------------------------------------
  function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  /** An Error with a `code`, the shape Forge's bridge errors reach the app in. */
  function bridgeError(code: string, message: string): Error & { code: string } {
    return Object.assign(new Error(message), { code });
  }

  type Handler = (payload: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

  const handlers: Record<string, Handler> = {
    getContext: () => JSON.parse(JSON.stringify({ ...host.context, theme: { colorMode } })),
    invoke,
    fetchProduct,
    enableTheming: () => {
      enableTheming();
      return true;
    },
    showFlag: (options: { id: string; title?: string; description?: string; type?: string; appearance?: string; isAutoDismiss?: boolean; actions?: Array<{ text: string; onClick: () => void }> }) => {
      const id = String(options.id);
      flagActions.set(id, (options.actions ?? []).map((a) => a.onClick));
      const flag: FlagView = {
        id,
        title: String(options.title ?? ''),
        description: options.description === undefined ? undefined : String(options.description),
        type: String(options.type ?? options.appearance ?? 'info'),
        actions: (options.actions ?? []).map((a) => String(a.text)),
        isAutoDismiss: Boolean(options.isAutoDismiss),
      };
      toParent({ kind: 'flag', flag });
      return true;
    },
    closeFlag: ({ id }: { id: string }) => {
      flagActions.delete(String(id));
      toParent({ kind: 'close-flag', id: String(id) });
      return true;
    },
    navigate: (location: Record<string, unknown> & { url?: string; type?: string }) => {
      const url = typeof location.url === 'string' ? new URL(location.url, window.location.origin).href : urlFor(location);
      // The page around the frame opens this URL with its own rights: only web addresses, never
      // a `javascript:` or `data:` URL a stored link might carry.
      const protocol = new URL(url).protocol;
      if (protocol !== 'https:' && protocol !== 'http:') {
        throw new Error(`Local host: router.navigate/open only opens http(s) addresses, not "${protocol}"`);
      }
      toParent({ kind: 'navigate', url, newTab: location.type === 'new-tab' });
      return true;
    },
    getUrl: (location: Record<string, unknown>) => urlFor(location),
    reload: () => {
      toParent({ kind: 'reload' });
      return true;
    },
    createHistory: () => history,
    submit: (payload: unknown) => {
      // Forge's contract is `view.submit({ config: {...} })`: Confluence stores what is under
      // `config` and refuses anything else. Refusing here too means a macro that only works
      // locally cannot get through: the app's promise rejects as it would on a real site.
      const config = isPlainObject(payload) ? payload.config : undefined;
      if (!isPlainObject(config)) {
        throw bridgeError(
          'INVALID_CONFIG',
          'view.submit expects { config: { ... } }: the macro configuration must be an object under the "config" key',
        );
      }
      toParent({ kind: 'submit', payload: config });
      return true;
    },
    // In a modal frame, `view.close(payload)` closes the modal and hands the payload to the opener's onClose.
    close: (payload?: unknown) => {
      toParent({ kind: 'close', ...(payload !== undefined && { payload: JSON.parse(JSON.stringify(payload)) }) });
      return true;
    },
    openModal,
    onClose: () => true,
    open: () => false,
    refresh: () => {
      window.location.reload();
      return true;
    },
    changeWindowTitle: (title: unknown) => {
      toParent({ kind: 'title', title: String(title) });
      return true;
    },
    emitReadyEvent: () => true,
    getFrameId: () => host.context.localId,
    emit: ({ event, payload }: { event: string; payload: unknown }) => {
      toParent({ kind: 'event', event, payload });
      return true;
    },
    emitPublic: ({ event, payload }: { event: string; payload: unknown }) => {
      toParent({ kind: 'event', event, payload });
      return true;
    },
    on: ({ event, callback }: { event: string; callback: (payload: unknown) => void }) => subscribe(event, callback),
    onPublic: ({ event, callback }: { event: string; callback: (payload: unknown) => void }) => subscribe(event, callback),
    emitFrontendCustomMetric: () => true,
    getCookieConsentPreferences: () => ({ STRICTLY_NECESSARY: true, FUNCTIONAL: false, ANALYTICS: false, MARKETING: false }),
    isRovoEnabled: () => false,
  };

  function subscribe(event: string, callback: (payload: unknown) => void): { unsubscribe: () => void } {
    const listeners = eventListeners.get(event) ?? new Set();
    listeners.add(callback);
    eventListeners.set(event, listeners);
    return { unsubscribe: () => listeners.delete(callback) };
  }

  (window as unknown as { __bridge: unknown }).__bridge = {
    callBridge(name: string, payload?: unknown): Promise<unknown> {
      const handler = handlers[name];
      if (!handler) {
        return Promise.reject(new Error(`The local Forge host does not support the bridge call "${name}"`));
      }
      try {
        return Promise.resolve(handler(payload));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };

  // ---- messages from the page around the frame ----------------------------------------------
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== window.location.origin || event.source !== window.parent) return;
    const data = event.data as { source?: string; message?: ParentToFrame } | null;
    if (!data || data.source !== PARENT_SOURCE || !data.message) return;
    const message = data.message;
    switch (message.kind) {
      case 'theme':
        colorMode = message.colorMode;
        applyTheme();
        break;
      case 'history-pop':
        history.location = parsePath(message.path);
        history.action = 'POP';
        notifyHistory('POP');
        break;
      case 'flag-action':
        flagActions.get(message.id)?.[message.index]?.();
        break;
      case 'event':
        for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload);
        break;
      case 'modal-closed': {
        const onClose = modalOnClose;
        modalOnClose = undefined;
        onClose?.(message.payload);
        break;
      }
    }
  });

  // ---- size: the parent sizes the iframe to its content, as Forge's iframe resizer does -----
  function reportHeight(): void {
    toParent({ kind: 'resize', height: Math.ceil(document.documentElement.scrollHeight) });
  }
  window.addEventListener('load', reportHeight);
  document.addEventListener('DOMContentLoaded', () => {
    new ResizeObserver(reportHeight).observe(document.body);
  });
})();
