import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../site/html';
import type { HostData } from './browser/messages';
import { forgeResourceCsp } from './csp';
import type { ForgeContext } from './context';
import { THEME_ATTRIBUTE } from './tokens-css';

/** URL paths the host serves its own files under (same origin as the site). */
export const HOST_PATHS = {
  bridgeScript: '/host/__bridge.js',
  tokensCss: '/host/__tokens.css',
  cspReport: '/host/__csp-report',
} as const;

export interface HostPage {
  html: string;
  csp: string;
}

export interface HostPageInput {
  resourceDir: string;
  context: ForgeContext;
  userEmail: string;
  historyPath: string;
  permissions: Record<string, unknown>;
  siteOrigin: string;
}

/**
 * The module frame's document: the resource's own index.html with the bridge script inserted
 * first in <head>, so `window.__bridge` exists before @forge/bridge loads; plus the CSP Forge
 * would send, computed from the resource's HTML as built (before our insertion: our script is
 * served from 'self', which Forge's policy allows).
 * @throws Error when the resource has no index.html (the app was not built: run `npm run build`).
 */
export function renderHostPage(input: HostPageInput): HostPage {
  const indexFile = join(input.resourceDir, 'index.html');
  let resourceHtml: string;
  try {
    resourceHtml = readFileSync(indexFile, 'utf8');
  } catch {
    throw new Error(`The Custom UI resource is not built (${indexFile} is missing). Run \`npm run build\`.`);
  }
  const hostData: HostData = {
    context: { ...input.context },
    userEmail: input.userEmail,
    historyPath: input.historyPath,
    tokensHref: HOST_PATHS.tokensCss,
    themeAttribute: THEME_ATTRIBUTE,
  };
  const tag = `<script src="${HOST_PATHS.bridgeScript}" data-host="${escapeHtml(JSON.stringify(hostData))}"></script>`;
  const headOpen = /<head[^>]*>/i.exec(resourceHtml);
  const html = headOpen
    ? `${resourceHtml.slice(0, headOpen.index + headOpen[0].length)}\n    ${tag}${resourceHtml.slice(headOpen.index + headOpen[0].length)}`
    : `${tag}\n${resourceHtml}`;
  const csp = forgeResourceCsp(resourceHtml, input.permissions, input.siteOrigin, `${input.siteOrigin}${HOST_PATHS.cspReport}`);
  return { html, csp };
}
