import { getAppContext } from '@forge/api';
import type { SiteProducts } from '../ports';

/**
 * Which products this installation reaches, from Forge's own record of it: with app compatibility
 * declared, `getAppContext().installation.contexts` lists one site ARI per connected product
 * (`ari:cloud:jira::site/<cloudId>`, and `ari:cloud:confluence::site/<cloudId>` once Confluence is
 * on the site). Asked per call, because an admin may connect Confluence at any time.
 */
export function forgeSiteProducts(): SiteProducts {
  return {
    confluenceConnected: () => {
      const contexts = getAppContext().installation?.contexts;
      // A runtime that does not say (no installation in the context) is not taken as "absent":
      // Confluence's own answers then decide, as before app compatibility existed.
      if (!contexts) return true;
      // ContextAri objects print as their ARI; plain strings are accepted too.
      return contexts.some((context) => String(context).startsWith('ari:cloud:confluence::'));
    },
  };
}
