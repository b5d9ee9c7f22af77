import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load } from 'cheerio';

/**
 * The Content-Security-Policy Forge puts on a Custom UI resource, computed with Forge's own
 * @forge/csp from the resource's HTML and the manifest's permissions. Serving resources with it
 * locally makes an inline style, an eval or a call to an undeclared host fail here, in the
 * browser console and in the CSP report, instead of only after `forge deploy`.
 *
 * Two local changes: the local site's origin stands in for the Atlassian site (Forge adds the
 * product's hostname the same way), and violations are reported to the local site, not to
 * Atlassian.
 */
export function forgeResourceCsp(resourceHtml: string, permissions: Record<string, unknown>, siteOrigin: string, reportUri: string): string {
  const quiet = { info: () => undefined };
  // The manifest's permissions section was validated by @forge/manifest in `npm test`; this is
  // the type @forge/csp declares for it.
  const details = new CSPProcessingService(quiet, load).getCspDetails(resourceHtml, permissions as Permissions);
  const directives = new CSPInjectionService().getInjectableCSP({
    existingCSPDetails: details,
    microsEnv: 'prod',
    hostname: siteOrigin,
  });
  return directives
    .map((directive) => (directive.startsWith('report-uri ') ? `report-uri ${reportUri}` : directive))
    .join('; ');
}
