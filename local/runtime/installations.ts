import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * How Forge installs an app on a site, as far as the emulator models it (see README "Installations").
 *
 * With `app.compatibility` declared, the app has ONE installation per site: its contexts are the
 * required product's site and each optional product that is connected; storage belongs to the
 * installation, so every module shares it. Without the declaration, each product the app has
 * modules in is an installation of its own, with its own storage, and an invocation may call only
 * its own product.
 */

export type Product = 'jira' | 'confluence';
export const PRODUCTS: readonly Product[] = ['jira', 'confluence'];

export interface InstallationPlan {
  id: string;
  /** The products whose site is a context of this installation (the first is the primary one). */
  products: Product[];
}

const compatibilitySchema = z
  .looseObject({
    jira: z.looseObject({ required: z.boolean().optional() }).optional(),
    confluence: z.looseObject({ required: z.boolean().optional() }).optional(),
  })
  .optional();
export type Compatibility = NonNullable<z.infer<typeof compatibilitySchema>>;

/** What the installation model reads from manifest.yml. */
export interface ManifestInstallInfo {
  /** `app.compatibility`, or undefined when the manifest does not declare it. */
  compatibility?: Compatibility;
  /** Products the manifest has modules in (macro and confluence:* are Confluence, jira:* is Jira). */
  moduleProducts: Product[];
}

/** The product a module type belongs to; undefined for product-neutral ones (functions, triggers). */
export function productOfModuleType(type: string | undefined): Product | undefined {
  if (!type) return undefined;
  if (type === 'macro' || type.startsWith('confluence:')) return 'confluence';
  if (type.startsWith('jira:')) return 'jira';
  return undefined;
}

/** Reads compatibility and module products from a manifest file (missing file: no modules, no declaration). */
export function readManifestInstallInfo(file: string): ManifestInstallInfo {
  if (!existsSync(file)) return { moduleProducts: [] };
  const raw = parseYaml(readFileSync(file, 'utf8')) as { app?: { compatibility?: unknown }; modules?: Record<string, unknown> } | null;
  const compatibility = compatibilitySchema.parse(raw?.app?.compatibility ?? undefined);
  const moduleProducts = new Set<Product>();
  for (const type of Object.keys(raw?.modules ?? {})) {
    const product = productOfModuleType(type);
    if (product) moduleProducts.add(product);
  }
  return { ...(compatibility && Object.keys(compatibility).length > 0 && { compatibility }), moduleProducts: PRODUCTS.filter((p) => moduleProducts.has(p)) };
}

/** The one installation's id (what `getAppContext().installationAri` names), and the second one's without compatibility. */
export const INSTALLATION_IDS: Record<Product, string> = {
  jira: '00000000-0000-4000-8000-000000001757',
  confluence: '00000000-0000-4000-8000-00000000c0f1',
};

/**
 * The installations Forge would create on a site with these products connected.
 * @throws Error when the required product is not on the site (Forge would not install the app).
 */
export function planInstallations(info: ManifestInstallInfo, connected: readonly Product[]): InstallationPlan[] {
  const compat = info.compatibility;
  if (compat) {
    const required = PRODUCTS.filter((p) => compat[p]?.required === true);
    const primary = required[0];
    if (!primary || required.length > 1) throw new Error('manifest.yml app.compatibility: exactly one product must have required: true');
    if (!connected.includes(primary)) {
      throw new Error(`manifest.yml requires ${primary} (app.compatibility), but the site has only ${connected.join(', ') || 'no products'}: Forge would not install the app`);
    }
    const optional = PRODUCTS.filter((p) => p !== primary && compat[p] !== undefined && connected.includes(p));
    return [{ id: INSTALLATION_IDS[primary], products: [primary, ...optional] }];
  }
  // No declaration: one installation per product the app has modules in (a manifest without
  // product modules is installed in Jira, as `forge install` defaults to here).
  const products = (info.moduleProducts.length > 0 ? info.moduleProducts : (['jira'] as Product[])).filter((p) => connected.includes(p));
  if (products.length === 0) throw new Error(`The app has modules only in ${info.moduleProducts.join(', ')}, which the site lacks: Forge would not install it`);
  return products.map((p) => ({ id: INSTALLATION_IDS[p], products: [p] }));
}

/** Context ARI of a product's site, as Forge writes it. */
export function siteAri(product: Product, cloudId: string): string {
  return `ari:cloud:${product}::site/${cloudId}`;
}

/**
 * Parses a PREFLIGHT_LOCAL_PRODUCTS-style list ("jira,confluence").
 * @throws Error naming the variable and what it accepts.
 */
export function parseProductList(name: string, value: string | undefined): Product[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const items = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = items.filter((i) => !(PRODUCTS as readonly string[]).includes(i));
  if (unknown.length > 0 || items.length === 0) throw new Error(`${name}: expected a comma-separated list of ${PRODUCTS.join(', ')}, got "${value}"`);
  return PRODUCTS.filter((p) => items.includes(p));
}
