// The catalogue chunks' index, made by the Vite plugin (scripts/vite-catalogue-plugin.ts):
// locale -> namespace -> loader of that namespace's compiled messages.
declare module 'virtual:preflight-catalogues' {
  const loaders: Record<string, Record<string, () => Promise<{ default: Record<string, never> }>> | undefined>;
  export default loaders;
}
