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
