import type { z } from 'zod';
import { projectSettingsSchema, type ProjectSettings } from '../../../../src/shared/settings';
import type { FieldError } from '../../../../src/shared/envelope';
import type { Gate, PhaseTemplate } from '../../../../src/domain/template';

/**
 * Pure helpers for the settings form: validation into per-field messages, and the small edits
 * the template editor makes. The draft is a plain ProjectSettings object replaced on every edit.
 */

/** Field path (dotted, as the server reports it without the `settings.` prefix) -> message. */
export type FieldErrors = Record<string, string>;

/** Client-side validation with the same schema the resolver uses; the first message per field. */
export function validateSettings(draft: unknown): FieldErrors {
  const result = projectSettingsSchema.safeParse(draft);
  return result.success ? {} : issuesToErrors(result.error.issues);
}

function issuesToErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** The server names fields from its payload (`settings.template.major.0.name`); the form names them from the settings. */
export function serverFieldErrors(fields: FieldError[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields ?? []) {
    const path = f.field.replace(/^settings\.?/, '');
    errors[path] ??= f.message;
  }
  return errors;
}

export function sameSettings(a: ProjectSettings, b: ProjectSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds or removes one value of a list setting, keeping the list's order. */
export function toggleValue<T extends string>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((v) => v !== value);
}

/** Ids in use anywhere in a release type's phases (gate ids must be unique across phases). */
function usedIds(phases: readonly PhaseTemplate[]): Set<string> {
  return new Set(phases.flatMap((p) => [p.id, ...p.gates.map((g) => g.id)]));
}

/** A name as an id: lower case ASCII words joined by dashes ("Sécurité revue" -> "securite-revue"); "item" when nothing is left. */
export function slugOf(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30)
      .replace(/-+$/, '') || 'item'
  );
}

/** An id that matches the schema's pattern and is not taken yet: `item`, `item-2`, ... */
export function freshId(phases: readonly PhaseTemplate[], base: string, except?: string): string {
  const slug = slugOf(base);
  const used = usedIds(phases);
  if (except !== undefined) used.delete(except);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** The default names of new gates and phases, in the person's language (the form passes them). */
export interface NewNames {
  checklistItem: string;
  signoff: string;
  autoCheck: string;
  phase: string;
}

/** A new gate whose id is made from its name. */
export function newGate(phases: readonly PhaseTemplate[], kind: Gate['kind'], names: NewNames): Gate {
  switch (kind) {
    case 'manual':
      return { kind, id: freshId(phases, names.checklistItem), name: names.checklistItem, requiresLink: false };
    case 'signoff':
      return { kind, id: freshId(phases, names.signoff), name: names.signoff, roles: ['release-owner'] };
    case 'auto':
      return { kind, id: freshId(phases, names.autoCheck), name: names.autoCheck, check: 'all-issues-done' };
  }
}

export function newPhase(phases: readonly PhaseTemplate[], names: NewNames): PhaseTemplate {
  return { id: freshId(phases, names.phase), name: names.phase, gates: [] };
}

/**
 * Renames a gate or phase. An id not saved yet follows the name (unique within the release type);
 * a saved id stays, because releases under way and CI refer to it.
 */
export function renamedId(phases: readonly PhaseTemplate[], currentId: string, name: string, savedIds: ReadonlySet<string>): string {
  return savedIds.has(currentId) ? currentId : freshId(phases, name, currentId);
}

/** Every phase and gate id of a template's release type, as last saved. */
export function idsOf(phases: readonly PhaseTemplate[] | undefined): Set<string> {
  return usedIds(phases ?? []);
}

/** Moves an item one place up (-1) or down (+1); out-of-range moves change nothing. */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}
