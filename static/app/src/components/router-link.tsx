import { router, view } from '@forge/bridge';
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { flagError } from '../bridge/flags';
import { useT } from '../i18n/use-t';

/** Where router.open/navigate can go: a URL, or a Forge navigation target such as an issue. */
export type RouterTarget = Parameters<typeof router.open>[0];

/**
 * A link that works inside Forge's Custom UI iframe. That frame is sandboxed without popups or
 * top navigation, so `target="_blank"` and plain hrefs do nothing there (and a relative href
 * points at Forge's CDN, not the site): the click goes through the bridge's router instead.
 * The element stays a real link with an href, for the status bar, keyboard and screen readers.
 *
 * `newTab` (the default) opens with router.open; Ctrl/Cmd/Shift-click and middle-click always do.
 * Callers pass only URLs they trust: one that came from a person goes through safeHttpsUrl first.
 */
export function RouterLink({ href, to = href, newTab = true, children }: { href: string; to?: RouterTarget; newTab?: boolean; children: ReactNode }) {
  const { t } = useT();
  const go = (event: MouseEvent<HTMLAnchorElement>, inNewTab: boolean) => {
    event.preventDefault();
    (inNewTab ? router.open(to) : router.navigate(to)).catch((error: unknown) => flagError(t('releases.flag.linkFailed'), error));
  };
  return (
    <a
      href={href}
      onClick={(e) => go(e, newTab || e.metaKey || e.ctrlKey || e.shiftKey)}
      onAuxClick={(e) => {
        if (e.button === 1) go(e, true);
      }}
    >
      {children}
    </a>
  );
}

let siteUrl: Promise<string> | undefined;

/**
 * The product site's address (https://example.atlassian.net), for hrefs that must name the site
 * rather than the frame's own origin. Read from the Forge context once per frame.
 */
export function useSiteUrl(): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    siteUrl ??= view.getContext().then((ctx) => ctx.siteUrl.replace(/\/+$/, ''));
    let live = true;
    siteUrl.then((value) => live && setUrl(value), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return url;
}
