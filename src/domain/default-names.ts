import { text, type Text } from '../i18n/server-translator';
import { DEFAULT_TEMPLATE, type Gate, type PhaseTemplate } from './template';

/**
 * The built-in template's phase and gate names in the reader's language. A release stores its
 * names as the template had them (English for the built-in one); a name still equal to the
 * built-in default reads translated, a name someone wrote reads as they wrote it.
 */
const PHASES = new Map(DEFAULT_TEMPLATE.major.map((p) => [p.id, p.name]));
const GATES = new Map(DEFAULT_TEMPLATE.major.flatMap((p) => p.gates).map((g) => [g.id, g.name]));

export function phaseNameText(phase: Pick<PhaseTemplate, 'id' | 'name'>): Text | string {
  return PHASES.get(phase.id) === phase.name ? text(`views.template.phase.${phase.id}` as Text['id']) : phase.name;
}

export function gateNameText(gate: Pick<Gate, 'id' | 'name'>): Text | string {
  return GATES.get(gate.id) === gate.name ? text(`views.template.gate.${gate.id}` as Text['id']) : gate.name;
}

const PHASE_IDS = new Map(DEFAULT_TEMPLATE.major.map((p) => [p.name, p.id]));
const GATE_IDS = new Map(DEFAULT_TEMPLATE.major.flatMap((p) => p.gates).map((g) => [g.name, g.id]));

/** A phase known only by its name (a gate answer's): translated when it is a built-in default name. */
export function phaseNameTextByName(name: string): Text | string {
  const id = PHASE_IDS.get(name);
  return id ? text(`views.template.phase.${id}` as Text['id']) : name;
}

/** A gate known only by its name (a gate answer's failing gates): translated when it is a built-in default name. */
export function gateNameTextByName(name: string): Text | string {
  const id = GATE_IDS.get(name);
  return id ? text(`views.template.gate.${id}` as Text['id']) : name;
}

const TRAIN_GATE_IDS = new Map<string, Text['id']>([
  ['Cross-team release sync held', 'views.train.gate.sync'],
  ['Rollback plan agreed for every member', 'views.train.gate.rollback'],
  ['Support and on-call briefed for every member', 'views.train.gate.support'],
]);

/** A train gate's name: the built-in defaults (DEFAULT_TRAIN_GATES) read translated, others as written. */
export function trainGateNameText(name: string): Text | string {
  const id = TRAIN_GATE_IDS.get(name);
  return id ? text(id) : name;
}
