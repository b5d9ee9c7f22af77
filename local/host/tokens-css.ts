/**
 * Atlassian design-token themes as one stylesheet. In Forge, `view.theme.enable()` makes the host
 * load the token CSS into the frame from Forge's CDN (allowed by the resource CSP); locally the
 * host serves the same CSS from the site's own origin, which the CSP's `style-src 'self'` allows.
 * The parent page uses it too, so chrome and frames switch light/dark together.
 */
const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'] as const;

/** The `data-theme` value Atlassian products put on <html>: every theme kind mapped to itself. */
export const THEME_ATTRIBUTE = 'dark:dark light:light shape:shape spacing:spacing typography:typography';

let cached: string | undefined;

/** All theme CSS concatenated; read once from @atlaskit/tokens' build artifacts. */
export function tokensCss(): string {
  if (cached === undefined) {
    cached = THEMES.map((theme) => {
      // The artifacts are CommonJS modules whose default export is the theme's CSS text.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const artifact = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default: string };
      return artifact.default;
    }).join('\n');
  }
  return cached;
}
