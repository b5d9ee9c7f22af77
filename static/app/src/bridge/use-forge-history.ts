import { view } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The part of Forge's history object (the `history` package's v4 API) the app uses. Declared
 * here because @forge/bridge types it with a package it does not install.
 */
interface ForgeHistory {
  location: { pathname: string; search?: string };
  push(path: string): void;
  replace(path: string): void;
  listen(listener: (location: { pathname: string; search?: string }) => void): () => void;
}

export interface AppRoute {
  /** The frame's own path, e.g. `/` or `/10003`; undefined until the host answered. */
  pathname: string | undefined;
  /** The frame's URL query, e.g. `?q=2.1&status=released` ('' when none). */
  search: string;
  /** Navigates inside the module; the host mirrors it in the page URL, so it is a deep link. */
  push: (path: string) => void;
  /** Changes the URL without a new history entry (for filters: Back leaves the page, not a keystroke). */
  replace: (path: string) => void;
}

/**
 * Subscribes to the Forge router history (`view.createHistory()`), so each release panel has a
 * URL of its own that survives a reload and works with the browser's back button.
 */
export function useForgeHistory(): AppRoute {
  const history = useRef<ForgeHistory | null>(null);
  const [pathname, setPathname] = useState<string>();
  const [search, setSearch] = useState('');

  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    void view.createHistory().then((created) => {
      if (cancelled) return;
      const h = created as unknown as ForgeHistory;
      history.current = h;
      setPathname(h.location.pathname);
      setSearch(h.location.search ?? '');
      unlisten = h.listen((location) => {
        setPathname(location.pathname);
        setSearch(location.search ?? '');
      });
    });
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  const push = useCallback((path: string) => {
    if (history.current) history.current.push(path);
    else setPathname(path);
  }, []);

  const replace = useCallback((path: string) => {
    if (history.current) history.current.replace(path);
    else setPathname(new URL(path, 'http://frame.local').pathname);
  }, []);

  return { pathname, search, push, replace };
}
