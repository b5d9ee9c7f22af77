import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleSizePlugin } from '../../scripts/report-bundle-size';
import { cataloguePlugin } from '../../scripts/vite-catalogue-plugin';

/**
 * Builds the one Custom UI resource (manifest resource `main`, path static/app/dist).
 *
 * No @vitejs/plugin-react: Vite 8 transforms TSX with oxc, told here to use React's automatic
 * runtime. `base: './'` because Forge serves a resource under a path of its own choosing (and the
 * local host under /host/<moduleKey>/), so asset URLs must be relative.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // Prints each module's initial JavaScript (gzip) and fails the build over budget (issue 7).
  // Catalogues: one chunk per language, compiled at build time, loaded on demand (issue 15).
  plugins: [bundleSizePlugin(root), cataloguePlugin(fileURLToPath(new URL('./src/i18n/messages', import.meta.url)))],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Forge resources have a size budget; sourcemaps would double what gets uploaded.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // dist/.vite/manifest.json: the chunk graph the size report walks.
    manifest: true,
  },
});
