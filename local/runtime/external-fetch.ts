import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { currentInvocation } from './forge-runtime';

/**
 * External fetch as Forge's runtime applies it: inside an invocation, `fetch` may only reach the
 * hosts the manifest declares under permissions.external.fetch.backend. Locally, calls to those
 * hosts go to a router (the webhook sink) instead of the internet, and any other host answers 403
 * as Forge's egress proxy does (it does not throw), so a missing egress declaration fails here
 * instead of after deploy. Outside invocations (tests, the local site's own code) fetch is
 * untouched. What is confirmed and what is assumed: README.md, "Egress".
 */

/** Answers an allowed external call locally. */
export type EgressRouter = (url: URL, init: RequestInit | undefined) => Promise<Response>;

/** The backend egress hosts a manifest declares (strings or `{address}` entries). */
export function egressHostsFromManifest(manifestFile: string): string[] {
  if (!existsSync(manifestFile)) return [];
  const manifest = parseYaml(readFileSync(manifestFile, 'utf8')) as { permissions?: { external?: { fetch?: { backend?: unknown } } } } | null;
  const entries = manifest?.permissions?.external?.fetch?.backend;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e: unknown) => {
    const address = typeof e === 'string' ? e : typeof e === 'object' && e !== null && 'address' in e ? String((e as { address: unknown }).address) : undefined;
    if (!address) return [];
    // Entries may be full URLs ("https://example.com") or bare hosts, with a leading "*." wildcard.
    return [address.replace(/^[a-z]+:\/\//i, '').replace(/[/:].*$/, '').toLowerCase()];
  });
}

/** Whether a host matches a declared entry; "*.example.com" matches any subdomain, not the bare domain. */
export function hostAllowed(host: string, declared: readonly string[]): boolean {
  const h = host.toLowerCase();
  return declared.some((d) => (d.startsWith('*.') ? h.endsWith(d.slice(1)) && h.length > d.length - 1 : h === d));
}

/**
 * Forge's answer to a backend fetch whose host the manifest does not declare: a 403 Response, not
 * an exception. The text and the `REQUEST_EGRESS_ALLOWLIST_ERR` code are @forge/api's own
 * (ExternalEndpointNotAllowedError); that the runtime's proxy sends exactly these is assumed.
 */
export function egressRefusal(url: URL): Response {
  return new Response(
    `URL not included in the external fetch backend permissions: ${url.href}. Visit go.atlassian.com/forge-egress for more information.`,
    { status: 403, headers: { 'content-type': 'text/plain;charset=UTF-8', 'forge-proxy-error': 'REQUEST_EGRESS_ALLOWLIST_ERR' } },
  );
}

/** Forge's runtime only makes outbound HTTPS calls; plain http answers 400 (jira.atlassian.com ECO-876). Body assumed. */
function plainHttpRefusal(url: URL): Response {
  return new Response(`Forge only supports outbound HTTPS requests: ${url.origin} uses ${url.protocol.replace(':', '')}.`, {
    status: 400,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
  });
}

let originalFetch: typeof fetch | undefined;

function urlOf(input: Parameters<typeof fetch>[0]): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/**
 * Replaces globalThis.fetch with the egress-checked one (idempotent: a second install replaces the
 * rules). @forge/api's `fetch` export wraps the global fetch it found when it loaded, so apps that
 * want the checked fetch call the global one, which is also what Forge's Node runtime checks.
 */
export function installExternalFetch(opts: { allowedHosts: readonly string[]; route: EgressRouter }): void {
  originalFetch ??= globalThis.fetch;
  const passThrough = originalFetch;
  globalThis.fetch = async (input, init) => {
    if (!currentInvocation()) return passThrough(input, init);
    const url = urlOf(input);
    if (url.protocol !== 'https:') return plainHttpRefusal(url);
    if (!hostAllowed(url.hostname, opts.allowedHosts)) return egressRefusal(url);
    return opts.route(url, init);
  };
}
