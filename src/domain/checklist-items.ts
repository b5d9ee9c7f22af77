import { z } from 'zod';
import { text, type Text } from '../i18n/server-translator';
import { auditLine } from './audit-line';
import { gateNameText, phaseNameText } from './default-names';
import { ReleaseRuleError, type Change, type ReleaseRecord } from './release';
import type { Gate, PhaseTemplate } from './template';

/**
 * Checklist items of one release: a release owner adds an item the template lacks ("Notify the
 * payments partner"), renames it or removes it, on this release only. The record's copy of the
 * template's phases is what changes; the template and other releases are untouched.
 *
 * Rules (and why):
 * - Only items added to this release can be renamed or removed. The template's items are the
 *   project's agreed rules; changing them for one release is what an override (with a reason) is for.
 * - A phase that is done cannot change: its gates are the go/no-go record of the moment it was left.
 * - A ticked item cannot be removed: untick it first, so removing never hides work someone recorded
 *   (the tick and the untick both stay in the audit trail).
 * - Names are 1 to 120 characters, unique within their phase (ignoring case), so nobody ticks the
 *   wrong one of two identical lines.
 */

/** The template's limit per phase, kept for release items too. */
export const MAX_GATES_PER_PHASE = 30;

export const checklistItemNameSchema = z
  .string()
  .trim()
  .min(1, 'expected a name')
  .max(120, 'expected at most 120 characters');

const ID_MAX = 40;
/** Room for a "-99" suffix inside the 40 characters a gate id may have. */
const SLUG_MAX = ID_MAX - 4;

/** A gate id (lower-case letters, digits, dashes, as gate ids are) from a name, unique in the release. */
export function checklistItemId(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, SLUG_MAX)
      .replace(/-+$/, '') || 'item';
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Every id already in use: gates, and ticks or sign-offs kept under an id (a changed release type can leave some). */
function takenIds(record: ReleaseRecord): Set<string> {
  return new Set([...record.phases.flatMap((p) => p.gates.map((g) => g.id)), ...Object.keys(record.checklist), ...Object.keys(record.signoffs)]);
}

/** What is wrong with a name, in the reader's language: the schema's two rules as messages (their English is the schema's). */
function nameProblem(issue: z.core.$ZodIssue): Text | string {
  if (issue.code === 'too_small') return text('errors.field.app.name');
  if (issue.code === 'too_big') return text('errors.field.tooLong', { max: Number(issue.maximum) });
  return issue.message;
}

function parseName(raw: string): string {
  const parsed = checklistItemNameSchema.safeParse(raw);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  if (!parsed.success) throw new ReleaseRuleError(issue ? text('errors.checklist.badName', { problem: nameProblem(issue) }) : text('errors.checklist.invalidName'), 'name');
  return parsed.data;
}

function assertChangeable(record: ReleaseRecord, phaseId: string): PhaseTemplate {
  if (record.completedAt) throw new ReleaseRuleError(text('errors.release.complete'));
  const index = record.phases.findIndex((p) => p.id === phaseId);
  const phase = record.phases[index];
  if (!phase) throw new ReleaseRuleError(text('errors.release.noPhase', { phase: phaseId }), 'phaseId');
  const current = record.phases.findIndex((p) => p.id === record.currentPhaseId);
  if (index < current) throw new ReleaseRuleError(text('errors.checklist.phaseDone', { phase: phaseNameText(phase) }), 'phaseId');
  return phase;
}

function assertUniqueName(phase: PhaseTemplate, name: string, exceptId?: string) {
  const clash = phase.gates.find((g) => g.id !== exceptId && g.name.trim().toLowerCase() === name.toLowerCase());
  if (clash) throw new ReleaseRuleError(text('errors.checklist.nameTaken', { phase: phaseNameText(phase), item: gateNameText(clash) }), 'name');
}

/** The release item's phase and gate, refusing template items and gates that are not checklist items. */
function findReleaseItem(record: ReleaseRecord, gateId: string): { phase: PhaseTemplate; gate: Gate } {
  const phase = record.phases.find((p) => p.gates.some((g) => g.id === gateId));
  const gate = phase?.gates.find((g) => g.id === gateId);
  if (!phase || !gate) throw new ReleaseRuleError(text('errors.checklist.noItem', { item: gateId }), 'gateId');
  if (gate.kind !== 'manual' || !record.releaseItems?.[gateId]) {
    throw new ReleaseRuleError(text('errors.checklist.fromTemplate', { item: gateNameText(gate) }), 'gateId');
  }
  return { phase, gate };
}

const withGates = (record: ReleaseRecord, phaseId: string, gates: Gate[]) => record.phases.map((p) => (p.id === phaseId ? { ...p, gates } : p));

/**
 * Adds a checklist item (a manual gate) to one phase of this release, at the end of its list.
 * @throws ReleaseRuleError when the release is complete, the phase is done or unknown, the name is
 *   empty, too long or already used in the phase, or the phase is full.
 */
export function addChecklistItem(record: ReleaseRecord, item: { phaseId: string; name: string; requiresLink?: boolean }, by: string, at: string): Change & { gateId: string } {
  const phase = assertChangeable(record, item.phaseId);
  const name = parseName(item.name);
  assertUniqueName(phase, name);
  if (phase.gates.length >= MAX_GATES_PER_PHASE) throw new ReleaseRuleError(text('errors.checklist.full', { phase: phaseNameText(phase), max: MAX_GATES_PER_PHASE }), 'phaseId');
  const id = checklistItemId(name, takenIds(record));
  const gate: Gate = { kind: 'manual', id, name, requiresLink: item.requiresLink ?? false };
  return {
    gateId: id,
    record: {
      ...record,
      phases: withGates(record, phase.id, [...phase.gates, gate]),
      releaseItems: { ...record.releaseItems, [id]: { by, at } },
      updatedAt: at,
    },
    events: [{ type: 'checklist-item-added', by, at, ...auditLine(gate.requiresLink ? 'audit.itemAddedLink' : 'audit.itemAdded', { item: name, phase: phaseNameText(phase) }), data: { gateId: id, phaseId: phase.id } }],
  };
}

/**
 * Renames an item added to this release; its id, and so its tick, stay.
 * @throws ReleaseRuleError for a template item, a done phase, a complete release or a bad name.
 */
export function renameChecklistItem(record: ReleaseRecord, gateId: string, newName: string, by: string, at: string): Change {
  const { phase, gate } = findReleaseItem(record, gateId);
  assertChangeable(record, phase.id);
  const name = parseName(newName);
  if (name === gate.name) return { record, events: [] };
  assertUniqueName(phase, name, gateId);
  return {
    record: { ...record, phases: withGates(record, phase.id, phase.gates.map((g) => (g.id === gateId ? { ...g, name } : g))), updatedAt: at },
    events: [{ type: 'checklist-item-renamed', by, at, ...auditLine('audit.itemRenamed', { from: gate.name, to: name, phase: phaseNameText(phase) }), data: { gateId, phaseId: phase.id } }],
  };
}

/**
 * Removes an item added to this release.
 * @throws ReleaseRuleError for a template item, a ticked item, a done phase or a complete release.
 */
export function removeChecklistItem(record: ReleaseRecord, gateId: string, by: string, at: string): Change {
  const { phase, gate } = findReleaseItem(record, gateId);
  assertChangeable(record, phase.id);
  if (record.checklist[gateId]) throw new ReleaseRuleError(text('errors.checklist.ticked', { item: gateNameText(gate) }), 'gateId');
  const { [gateId]: _removed, ...releaseItems } = record.releaseItems ?? {};
  return {
    record: { ...record, phases: withGates(record, phase.id, phase.gates.filter((g) => g.id !== gateId)), releaseItems, updatedAt: at },
    events: [{ type: 'checklist-item-removed', by, at, ...auditLine('audit.itemRemoved', { item: gate.name, phase: phaseNameText(phase) }), data: { gateId, phaseId: phase.id } }],
  };
}

/**
 * The phases of a new release type with this release's own items carried over: each into the
 * phase of the same id, or the first phase when the new type has no such phase. Items whose id
 * the new template now uses itself are dropped (the template's item wins).
 */
export function withReleaseItems(record: ReleaseRecord, phases: PhaseTemplate[]): { phases: PhaseTemplate[]; releaseItems: NonNullable<ReleaseRecord['releaseItems']> } {
  const own = record.releaseItems ?? {};
  const templateIds = new Set(phases.flatMap((p) => p.gates.map((g) => g.id)));
  const carried = record.phases.flatMap((p) => p.gates.filter((g) => own[g.id] && !templateIds.has(g.id)).map((gate) => ({ phaseId: p.id, gate })));
  const first = phases[0]?.id;
  const target = (phaseId: string) => (phases.some((p) => p.id === phaseId) ? phaseId : first);
  return {
    phases: phases.map((p) => ({ ...p, gates: [...p.gates, ...carried.filter((c) => target(c.phaseId) === p.id).map((c) => c.gate)] })),
    releaseItems: Object.fromEntries(carried.map((c) => [c.gate.id, own[c.gate.id]!])),
  };
}
