// The catalogue chunks the Vite plugin makes (scripts/vite-catalogue-plugin.ts).
declare module 'virtual:preflight-catalogue/*' {
  import type { CompiledCatalogue } from '../../../../src/shared/i18n/catalogue';
  const catalogue: CompiledCatalogue;
  export default catalogue;
}
