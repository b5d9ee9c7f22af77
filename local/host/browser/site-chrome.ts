/**
 * The page around the module frames (the local "Jira" or "Confluence" chrome): user switcher,
 * light/dark toggle, flags, navigation and history on behalf of frames, iframe sizing, and the
 * macro configuration dialog. Served as plain JS (transpiled by the local site); no runtime imports.
 */
import type { FlagView, FrameToParent, ModalRequest, ParentToFrame } from './messages';

(() => {
  const FRAME_SOURCE = 'preflight-frame';
  const PARENT_SOURCE = 'preflight-parent';

  function frames(): HTMLIFrameElement[] {
    return Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe.forge-frame'));
  }

  function post(frame: HTMLIFrameElement, message: ParentToFrame): void {
    frame.contentWindow?.postMessage({ source: PARENT_SOURCE, message }, window.location.origin);
  }

  // ---- user switcher: a plain POST form to this site (never a GET a link elsewhere could forge),
  // so it also works without this script ----------------------------------------------------
  const switcher = document.getElementById('user-switcher');
  if (switcher instanceof HTMLSelectElement) {
    switcher.addEventListener('change', () => {
      // The frame's router may have moved the page since it was rendered: come back to where we are now.
      const back = switcher.form?.querySelector<HTMLInputElement>('input[name="back"]');
      if (back) back.value = window.location.pathname + window.location.search;
      switcher.form?.submit();
    });
    const button = switcher.form?.querySelector('button');
    if (button) button.hidden = true;
  }

  // ---- light/dark ---------------------------------------------------------------------------
  const toggle = document.getElementById('theme-toggle');
  if (toggle instanceof HTMLButtonElement) {
    toggle.addEventListener('click', (event) => {
      event.preventDefault();
      const next = document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'light' : 'dark';
      document.cookie = `preflight_theme=${next}; path=/; SameSite=Lax; max-age=31536000`;
      document.documentElement.setAttribute('data-color-mode', next);
      toggle.textContent = next === 'dark' ? 'Light mode' : 'Dark mode';
      for (const frame of frames()) post(frame, { kind: 'theme', colorMode: next });
    });
  }

  // ---- language: Atlassian keeps it in the person's profile; here a cookie the frames' context
  // and the resolver context read. A reload, as after changing the profile language. -----------
  const localePicker = document.getElementById('locale-picker');
  if (localePicker instanceof HTMLSelectElement) {
    localePicker.addEventListener('change', () => {
      document.cookie = `preflight_locale=${encodeURIComponent(localePicker.value)}; path=/; SameSite=Lax; max-age=31536000`;
      window.location.reload();
    });
  }

  // ---- flags --------------------------------------------------------------------------------
  const flagArea = document.getElementById('flags');

  function showFlag(frame: HTMLIFrameElement, flag: FlagView): void {
    if (!flagArea) return;
    document.getElementById(`flag-${flag.id}`)?.remove();
    const box = document.createElement('div');
    box.id = `flag-${flag.id}`;
    box.className = `flag flag-${flag.type}`;
    box.setAttribute('role', 'alert');
    const title = document.createElement('strong');
    title.textContent = flag.title; // textContent: app text never becomes markup
    box.appendChild(title);
    if (flag.description) {
      const description = document.createElement('p');
      description.textContent = flag.description;
      box.appendChild(description);
    }
    flag.actions.forEach((text, index) => {
      const action = document.createElement('button');
      action.type = 'button';
      action.textContent = text;
      action.addEventListener('click', () => post(frame, { kind: 'flag-action', id: flag.id, index }));
      box.appendChild(action);
    });
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'flag-dismiss';
    dismiss.setAttribute('aria-label', 'Dismiss');
    dismiss.textContent = '×';
    dismiss.addEventListener('click', () => box.remove());
    box.appendChild(dismiss);
    flagArea.appendChild(box);
    if (flag.isAutoDismiss) setTimeout(() => box.remove(), 8000);
  }

  // ---- history: the frame's location is the page URL after the module's route --------------
  function historyBase(frame: HTMLIFrameElement): string | undefined {
    return frame.dataset.historyBase || undefined;
  }

  window.addEventListener('popstate', () => {
    for (const frame of frames()) {
      const base = historyBase(frame);
      if (!base || !window.location.pathname.startsWith(base)) continue;
      const path = window.location.pathname.slice(base.length) || '/';
      post(frame, { kind: 'history-pop', path: `${path}${window.location.search}${window.location.hash}` });
    }
  });

  // ---- macro configuration ------------------------------------------------------------------
  const dialog = document.getElementById('macro-config-dialog');

  async function saveMacroConfig(frame: HTMLIFrameElement, config: unknown): Promise<void> {
    const response = await fetch('/site/macro-config', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contentId: frame.dataset.contentId, localId: frame.dataset.macroLocalId, config }),
    });
    if (!response.ok) {
      // The server says why (a 403 names the page edit right); say it in words, not as a status code.
      const answer = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
      const why = typeof answer?.error === 'string' ? answer.error : `the local site answered ${response.status}`;
      throw new Error(response.status === 403 ? `Your configuration was not saved. ${why}` : `Your configuration was not saved: ${why}`);
    }
    window.location.reload();
  }

  /** Shows why saving failed inside the open dialog (a flag on the page would sit behind it). */
  function showDialogError(message: string | undefined): void {
    const box = dialog?.querySelector<HTMLElement>('.dialog-error');
    if (!box) return;
    box.textContent = message ?? ''; // textContent: a server message never becomes markup
    box.hidden = message === undefined;
  }

  document.querySelectorAll<HTMLButtonElement>('button[data-configure-src]').forEach((button) => {
    button.addEventListener('click', () => {
      if (!(dialog instanceof HTMLDialogElement)) return;
      const frame = dialog.querySelector('iframe');
      if (!frame) return;
      frame.src = button.dataset.configureSrc ?? 'about:blank';
      frame.dataset.contentId = button.dataset.contentId;
      frame.dataset.macroLocalId = button.dataset.macroLocalId;
      showDialogError(undefined);
      dialog.showModal();
    });
  });
  dialog?.querySelector('button.dialog-close')?.addEventListener('click', () => (dialog as HTMLDialogElement).close());

  // ---- full-page modals (@forge/bridge Modal) -------------------------------------------------
  // Jira shows an app's modal above the whole page, dimmed (an Atlaskit blanket), with the app's
  // resource in a new frame whose context carries `extension.modal`. Here: a native <dialog>
  // shown with showModal(), so the rest of the page is inert, Escape is handled and the focus
  // returns to the opener's frame when it closes.
  // Sizes as the Forge bridge reference gives them (developer.atlassian.com, Custom UI bridge, Modal).
  const MODAL_SIZES: Record<string, { width: string; height: string; minHeight?: string }> = {
    small: { width: '400px', height: '20vh', minHeight: '320px' },
    medium: { width: '600px', height: '40vh', minHeight: '520px' },
    large: { width: '800px', height: '70vh', minHeight: '720px' },
    xlarge: { width: '968px', height: '90vh' },
    max: { width: '100%', height: '100%' },
    // Not in the reference's list (the bridge accepts them): assumed.
    fullscreen: { width: '100vw', height: '100vh' },
    resizable: { width: '600px', height: '40vh', minHeight: '520px' },
  };
  let modal: { dialog: HTMLDialogElement; frame: HTMLIFrameElement; opener: HTMLIFrameElement } | undefined;

  function ensureModalStyle(): void {
    if (document.getElementById('forge-modal-style')) return;
    const style = document.createElement('style');
    style.id = 'forge-modal-style';
    style.textContent =
      'dialog.forge-modal { padding: 0; border: 0; border-radius: 8px; max-width: 100vw; max-height: 100vh; overflow: auto; background: var(--ds-surface-overlay, #fff); box-shadow: var(--ds-shadow-overlay, 0 8px 12px rgba(9,30,66,.15)); }' +
      'dialog.forge-modal.fullscreen { border-radius: 0; }' +
      'dialog.forge-modal::backdrop { background: var(--ds-blanket, rgba(9, 30, 66, 0.54)); }' +
      'dialog.forge-modal iframe.forge-frame { display: block; width: 100%; border: 0; }';
    document.head.appendChild(style);
  }

  /** The opener's frame URL with the modal's context as `extension.modal` (same module, same resource). */
  function modalSrc(opener: HTMLIFrameElement, request: ModalRequest): string {
    const url = new URL(opener.src, window.location.href);
    let extension: Record<string, unknown> = {};
    try {
      extension = JSON.parse(url.searchParams.get('ext') ?? '{}') as Record<string, unknown>;
    } catch {
      // The opener's own frame URL always carries JSON; an empty extension fails its validation visibly.
    }
    url.searchParams.set('ext', JSON.stringify({ ...extension, modal: request.context }));
    url.searchParams.set('localId', `${url.searchParams.get('localId') ?? 'frame'}-modal`);
    url.searchParams.delete('path');
    return `${url.pathname}${url.search}`;
  }

  function closeModal(payload?: unknown): void {
    if (!modal) return;
    const { dialog, opener } = modal;
    modal = undefined;
    if (dialog.open) dialog.close();
    dialog.remove();
    post(opener, { kind: 'modal-closed', ...(payload !== undefined && { payload }) });
  }

  function openModal(opener: HTMLIFrameElement, request: ModalRequest): void {
    if (modal) return;
    ensureModalStyle();
    const dialog = document.createElement('dialog');
    dialog.className = 'forge-modal';
    dialog.id = 'forge-modal';
    dialog.setAttribute('data-testid', 'forge-modal');
    const size = request.size;
    if (typeof size === 'object') {
      dialog.style.width = size.width;
      if (size.height) dialog.style.height = size.height;
    } else {
      const named = MODAL_SIZES[size] ?? MODAL_SIZES.medium!;
      dialog.style.width = `min(${named.width}, 100vw)`;
      dialog.style.height = `min(${named.height}, 100vh)`;
      if (named.minHeight) dialog.style.minHeight = `min(${named.minHeight}, 100vh)`;
      if (size === 'fullscreen' || size === 'max') dialog.classList.add('fullscreen');
    }
    const frame = document.createElement('iframe');
    frame.className = 'forge-frame';
    frame.title = request.title || opener.title; // the frame's name; the app's own heading labels the dialog inside
    for (const name of ['sandbox', 'allow']) {
      const value = opener.getAttribute(name);
      if (value !== null) frame.setAttribute(name, value);
    }
    frame.src = modalSrc(opener, request);
    dialog.appendChild(frame);
    if (request.title) dialog.setAttribute('aria-label', request.title);
    else dialog.setAttribute('aria-label', opener.title);
    // Escape: the browser's cancel event; refused when the app asked for closeOnEscape: false.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      if (request.closeOnEscape) closeModal();
    });
    // A click on the backdrop lands on the dialog element itself (its content is the frame).
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog && request.closeOnOverlayClick) {
        const box = dialog.getBoundingClientRect();
        const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
        if (!inside) closeModal();
      }
    });
    document.body.appendChild(dialog);
    modal = { dialog, frame, opener };
    modalCloseOnEscape = request.closeOnEscape;
    dialog.showModal();
    frame.focus();
  }

  let modalCloseOnEscape = true;

  // ---- messages from frames ------------------------------------------------------------------
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== window.location.origin) return;
    const frame = frames().find((f) => f.contentWindow === event.source);
    const data = event.data as { source?: string; message?: FrameToParent } | null;
    if (!frame || !data || data.source !== FRAME_SOURCE || !data.message) return;
    const message = data.message;
    switch (message.kind) {
      case 'resize':
        frame.style.height = `${Math.max(80, message.height)}px`;
        break;
      case 'flag':
        showFlag(frame, message.flag);
        break;
      case 'close-flag':
        document.getElementById(`flag-${message.id}`)?.remove();
        break;
      case 'navigate':
        if (message.newTab) window.open(message.url, '_blank', 'noopener');
        else window.location.assign(message.url);
        break;
      case 'reload':
        window.location.reload();
        break;
      case 'history': {
        const base = historyBase(frame);
        if (!base) break;
        // '/' and '/?q=…' are the module's root: the page URL stays `<base>` or `<base>?q=…`.
        const url = `${base}${message.path.startsWith('/?') || message.path === '/' ? message.path.slice(1) : message.path}`;
        if (message.action === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
        break;
      }
      case 'history-go':
        window.history.go(message.delta);
        break;
      case 'submit':
        void saveMacroConfig(frame, message.payload).catch((error: unknown) => {
          const text = error instanceof Error ? error.message : String(error);
          if (dialog instanceof HTMLDialogElement && dialog.open && dialog.contains(frame)) showDialogError(text);
          else showFlag(frame, { id: 'macro-config-error', title: text, type: 'error', actions: [], isAutoDismiss: false });
        });
        break;
      case 'close':
        if (modal && modal.frame === frame) closeModal(message.payload);
        else if (dialog instanceof HTMLDialogElement && dialog.contains(frame)) dialog.close();
        break;
      case 'open-modal':
        openModal(frame, message.modal);
        break;
      case 'modal-escape':
        // The frame's own key events never reach this page: its bridge forwards Escape.
        if (modal && modal.frame === frame && modalCloseOnEscape) closeModal();
        break;
      case 'title':
        document.title = message.title;
        break;
      case 'event':
        for (const other of frames()) post(other, { kind: 'event', event: message.event, payload: message.payload });
        break;
    }
  });
})();
