/**
 * The `extension` part of a module's Forge context, shaped as the product sends it. Shared by the
 * frame's `view.getContext()` (local/host/context.ts) and the resolver's `context` (invoke-resolver),
 * so the front end and the backend of one module read the same fields in the same places.
 */

/**
 * A macro's flags live under `extension.macro` on Forge (`isConfiguring`, `isInserting`), beside
 * `isEditing`, `content`, `space`, `references` and the saved `config`. A flat `isConfiguring` or
 * `isInserting` (an older local shape) is moved there, so nothing keeps reading the wrong place.
 */
export function forgeExtension(moduleType: string | undefined, raw: Record<string, unknown>): Record<string, unknown> & { type: string } {
  const type = moduleType ?? (typeof raw.type === 'string' ? raw.type : '');
  if (type !== 'macro') return { ...raw, type };
  const { isConfiguring, isInserting, macro, ...rest } = raw;
  const given = typeof macro === 'object' && macro !== null ? (macro as Record<string, unknown>) : {};
  return {
    ...rest,
    type,
    isEditing: rest.isEditing === true,
    references: Array.isArray(rest.references) ? rest.references : [],
    macro: {
      ...given,
      isConfiguring: given.isConfiguring === true || isConfiguring === true,
      isInserting: given.isInserting === true || isInserting === true,
    },
  };
}
