import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KvsRequestError } from './errors';

/** Attribute types a manifest may declare for a custom entity. */
export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

/** One index of a custom entity, normalised from the manifest's string or object form. */
export interface EntityIndex {
  name: string;
  /** Attributes the index sorts and range-queries by (the `range` list, or the string shorthand). */
  range: string[];
  /** Attributes a query on this index must pin with `partition: [...]` (empty = none). */
  partition: string[];
}

/** A custom entity as the app declares it in manifest.yml under `app.storage.entities`. */
export interface EntityDefinition {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

/**
 * Every entity also has an implicit `by-key` index over the entity key: the manifest validator
 * reserves the name and @forge/kvs's own tests query it.
 */
export const BY_KEY_INDEX = 'by-key';

const manifestEntitySchema = z.object({
  name: z.string().min(1),
  attributes: z.record(z.string(), z.object({ type: z.enum(['string', 'boolean', 'float', 'integer', 'any']) })),
  indexes: z
    .array(
      z.union([
        z.string(),
        z.object({
          name: z.string(),
          range: z.array(z.string()).min(1),
          partition: z.array(z.string()).min(1).optional(),
        }),
      ]),
    )
    .optional(),
});

const manifestSchema = z.object({
  app: z
    .object({
      storage: z.object({ entities: z.array(manifestEntitySchema).optional() }).optional(),
    })
    .optional(),
});

/** Normalises the manifest's `app.storage.entities` (already parsed YAML) into definitions. */
export function entityDefinitionsFromManifest(manifest: unknown): EntityDefinition[] {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `manifest.yml app.storage.entities is not valid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown error'}`,
    );
  }
  const entities = parsed.data.app?.storage?.entities ?? [];
  return entities.map((e) => ({
    name: e.name,
    attributes: Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, v.type])),
    indexes: (e.indexes ?? []).map((ix) =>
      typeof ix === 'string' ? { name: ix, range: [ix], partition: [] } : { name: ix.name, range: ix.range, partition: ix.partition ?? [] },
    ),
  }));
}

/** Reads manifest.yml and returns its custom entity definitions (none when it declares none). */
export function loadEntityDefinitions(manifestPath: string): EntityDefinition[] {
  return entityDefinitionsFromManifest(parseYaml(readFileSync(manifestPath, 'utf8')));
}

/** Finds an entity, failing like Forge does for one the manifest does not declare. */
export function requireEntity(defs: ReadonlyMap<string, EntityDefinition>, name: string): EntityDefinition {
  const def = defs.get(name);
  if (!def) {
    throw new KvsRequestError(
      400,
      'BAD_REQUEST',
      `Entity "${name}" is not defined. Declare it in manifest.yml under app.storage.entities (declared: ${
        [...defs.keys()].join(', ') || 'none'
      }).`,
    );
  }
  return def;
}

/** Finds an index of an entity (including the implicit `by-key`), failing for an unknown one. */
export function requireIndex(def: EntityDefinition, indexName: string): EntityIndex {
  if (indexName === BY_KEY_INDEX) return { name: BY_KEY_INDEX, range: [], partition: [] };
  const index = def.indexes.find((ix) => ix.name === indexName);
  if (!index) {
    throw new KvsRequestError(
      400,
      'BAD_REQUEST',
      `Index "${indexName}" is not defined on entity "${def.name}" (indexes: ${[BY_KEY_INDEX, ...def.indexes.map((ix) => ix.name)].join(', ')}).`,
    );
  }
  return index;
}

function typeMatches(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/**
 * Checks an entity value against its declared attributes. Stricter than "whatever Forge lets
 * through" on purpose: an undeclared attribute or a wrong type is refused here, so a mistake shows
 * up locally instead of as a silently unindexed attribute after deploy.
 */
export function checkEntityValue(def: EntityDefinition, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KvsRequestError(400, 'BAD_REQUEST', `A value of entity "${def.name}" must be an object of its attributes.`);
  }
  for (const [attr, attrValue] of Object.entries(value as Record<string, unknown>)) {
    const type = def.attributes[attr];
    if (type === undefined) {
      throw new KvsRequestError(
        400,
        'BAD_REQUEST',
        `Attribute "${attr}" is not declared on entity "${def.name}" (declared: ${Object.keys(def.attributes).join(', ')}).`,
      );
    }
    if (attrValue !== null && !typeMatches(type, attrValue)) {
      throw new KvsRequestError(
        400,
        'BAD_REQUEST',
        `Attribute "${attr}" of entity "${def.name}" must be of type ${type}, got ${JSON.stringify(attrValue)}.`,
      );
    }
  }
}
