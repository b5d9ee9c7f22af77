/**
 * The permissions Forge gives every Custom UI iframe, which the app cannot change
 * (developer.atlassian.com/platform/forge/custom-ui/iframe, "iframe permissions"). Local module
 * frames carry the same ones, so what Forge's frame forbids fails here too: no `allow-popups`
 * means `<a target="_blank">` and window.open do nothing; no `allow-top-navigation` means a
 * frame cannot move the page. Links must go through the bridge's router, as on Forge.
 */

/** The iframe `sandbox` tokens Forge documents for Custom UI. */
export const FORGE_FRAME_SANDBOX = 'allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts';

/** The iframe `allow` (permissions policy) features Forge documents for Custom UI. */
export const FORGE_FRAME_ALLOW = 'camera; clipboard-write; display-capture; fullscreen; microphone';
