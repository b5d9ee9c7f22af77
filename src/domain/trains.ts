import { z } from 'zod';
import { DEFAULT_TRAIN_GATES, TRAIN_GO_RULE, trainIdFromName, type TrainDecision, type TrainGate, type TrainMember } from '../shared/trains';
import { day, english, text, type Text } from '../i18n/server-translator';
import { auditLine, storedTextSchema } from './audit-line';
import { gateNameTextByName, phaseNameTextByName, trainGateNameText } from './default-names';
import { ReleaseRuleError } from './release';

/**
 * Release trains, pure: the stored record, the changes people make (each returns the new record
 * and the events for the train's append-only history) and the go decision from the members'
 * decisions (the release gate rule, decided elsewhere per member) and the train-level gates.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoInstant = z.string().datetime();

export const trainRecordSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1),
  freezeDate: isoDay.optional(),
  releaseDate: isoDay.optional(),
  members: z.array(z.object({ projectKey: z.string().min(1), versionId: z.string().min(1) })),
  gates: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), ticked: z.boolean(), tickedBy: z.string().optional(), tickedAt: isoInstant.optional() })),
  createdBy: z.string().min(1),
  createdAt: isoInstant,
  /** 0 before the first save; each save adds one (the compare-and-swap guard). */
  revision: z.number().int().min(0),
  /** The next gate id's number, so a removed gate's id is never reused for another gate. */
  nextGateNumber: z.number().int().min(1),
});
export type TrainRecord = z.infer<typeof trainRecordSchema>;

export const trainEventSchema = z.object({
  type: z.enum(['train-created', 'train-renamed', 'train-rescheduled', 'train-gates-edited', 'member-added', 'member-removed', 'train-gate-ticked', 'train-gate-unticked']),
  by: z.string(),
  at: z.string(),
  summary: z.string(),
  /** The line as a message id and values (see auditLine); absent on older events. */
  text: storedTextSchema.optional(),
  /** projectKey/versionId for member events, so the history can hide members a person cannot see. */
  data: z.record(z.string(), z.string()).optional(),
});
export type TrainEventDraft = z.infer<typeof trainEventSchema>;

export interface TrainChange {
  record: TrainRecord;
  events: TrainEventDraft[];
}

const gateAt = (n: number) => `tg-${n}`;

export function createTrain(args: { name: string; freezeDate?: string; releaseDate?: string; gates?: readonly string[]; by: string; at: string }): TrainChange {
  const id = trainIdFromName(args.name);
  if (!id) throw new ReleaseRuleError(text('errors.train.nameNeeded'), 'name');
  checkSchedule(args.freezeDate, args.releaseDate);
  const names = distinctNames(args.gates ?? DEFAULT_TRAIN_GATES);
  const record: TrainRecord = {
    schemaVersion: 1,
    id,
    name: args.name.trim(),
    ...(args.freezeDate && { freezeDate: args.freezeDate }),
    ...(args.releaseDate && { releaseDate: args.releaseDate }),
    members: [],
    gates: names.map((name, i) => ({ id: gateAt(i + 1), name, ticked: false })),
    createdBy: args.by,
    createdAt: args.at,
    revision: 0,
    nextGateNumber: names.length + 1,
  };
  return { record, events: [{ type: 'train-created', by: args.by, at: args.at, ...createdLine(record) }] };
}

function createdLine(t: { name: string; freezeDate?: string | undefined; releaseDate?: string | undefined }): ReturnType<typeof auditLine> {
  if (t.freezeDate && t.releaseDate) return auditLine('audit.trainCreatedScheduled', { train: t.name, freeze: day(t.freezeDate), release: day(t.releaseDate) });
  if (t.freezeDate) return auditLine('audit.trainCreatedFreeze', { train: t.name, freeze: day(t.freezeDate) });
  if (t.releaseDate) return auditLine('audit.trainCreatedRelease', { train: t.name, release: day(t.releaseDate) });
  return auditLine('audit.trainCreated', { train: t.name });
}

const dayOrNotSet = (date: string | undefined) => (date ? day(date) : text('audit.notSet'));

function checkSchedule(freezeDate?: string, releaseDate?: string) {
  if (freezeDate && releaseDate && freezeDate > releaseDate) throw new ReleaseRuleError(text('errors.train.freezeAfterRelease'), 'freezeDate');
}

function distinctNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    if (seen.has(name.toLowerCase())) throw new ReleaseRuleError(text('errors.train.gateTwice', { gate: name }), 'gates');
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/** Name, schedule and gates. `''` clears a date; a gate whose name stays keeps its id and tick. */
export function editTrain(train: TrainRecord, edit: { name?: string; freezeDate?: string; releaseDate?: string; gates?: readonly string[] }, by: string, at: string): TrainChange {
  const events: TrainEventDraft[] = [];
  let next = { ...train };
  if (edit.name !== undefined && edit.name.trim() !== train.name) {
    if (!trainIdFromName(edit.name)) throw new ReleaseRuleError(text('errors.train.nameNeeded'), 'name');
    next.name = edit.name.trim();
    events.push({ type: 'train-renamed', by, at, ...auditLine('audit.trainRenamed', { from: train.name, to: next.name }) });
  }
  const freeze = edit.freezeDate === undefined ? train.freezeDate : edit.freezeDate || undefined;
  const release = edit.releaseDate === undefined ? train.releaseDate : edit.releaseDate || undefined;
  if (freeze !== train.freezeDate || release !== train.releaseDate) {
    checkSchedule(freeze, release);
    const { freezeDate: _f, releaseDate: _r, ...rest } = next;
    next = { ...rest, ...(freeze && { freezeDate: freeze }), ...(release && { releaseDate: release }) };
    events.push({ type: 'train-rescheduled', by, at, ...auditLine('audit.trainRescheduled', { freeze: dayOrNotSet(freeze), release: dayOrNotSet(release) }) });
  }
  if (edit.gates !== undefined) {
    const names = distinctNames(edit.gates);
    const byName = new Map(train.gates.map((g) => [g.name.toLowerCase(), g]));
    let number = train.nextGateNumber;
    const gates: TrainGate[] = names.map((name) => byName.get(name.toLowerCase()) ?? { id: gateAt(number++), name, ticked: false });
    const added = gates.filter((g) => !train.gates.includes(g)).map((g) => g.name);
    const removed = train.gates.filter((g) => !gates.includes(g)).map((g) => g.name);
    const reordered = !added.length && !removed.length && gates.some((g, i) => train.gates[i] !== g);
    if (added.length || removed.length || reordered) {
      next = { ...next, gates, nextGateNumber: number };
      const names = (list: string[]) => ({ list: list.map((name) => text('audit.quoted', { name: trainGateNameText(name) })) });
      const parts = [
        ...(added.length ? [text('audit.trainGatesAdded', { gates: names(added) })] : []),
        ...(removed.length ? [text('audit.trainGatesRemoved', { gates: names(removed) })] : []),
        ...(reordered ? [text('audit.trainGatesReordered')] : []),
      ];
      events.push({ type: 'train-gates-edited', by, at, ...auditLine('audit.trainGatesEdited', { changes: { list: parts } }) });
    }
  }
  return { record: next, events };
}

/** "PAY 2.2" for a version named "PAY 2.2" or "2.2" in PAY. */
export function memberLabel(projectKey: string, versionName: string): string {
  return versionName.toUpperCase().startsWith(projectKey.toUpperCase()) ? versionName : `${projectKey} ${versionName}`;
}

/** Several versions of one project may ride the same train (a hotfix and a minor, say); the panel says so. */
export function addMember(train: TrainRecord, member: TrainMember & { versionName: string }, by: string, at: string): TrainChange {
  if (train.members.some((m) => m.versionId === member.versionId)) throw new ReleaseRuleError(text('errors.train.alreadyMember', { version: memberLabel(member.projectKey, member.versionName) }), 'versionId');
  if (train.members.length >= 50) throw new ReleaseRuleError(text('errors.train.full', { max: 50 }), 'versionId');
  const record = { ...train, members: [...train.members, { projectKey: member.projectKey, versionId: member.versionId }] };
  return { record, events: [{ type: 'member-added', by, at, ...auditLine('audit.memberAdded', { version: memberLabel(member.projectKey, member.versionName) }), data: { projectKey: member.projectKey, versionId: member.versionId } }] };
}

export function removeMember(train: TrainRecord, member: TrainMember & { versionName?: string }, by: string, at: string): TrainChange {
  if (!train.members.some((m) => m.versionId === member.versionId)) throw new ReleaseRuleError(text('errors.train.notMember'), 'versionId');
  const record = { ...train, members: train.members.filter((m) => m.versionId !== member.versionId) };
  const label = member.versionName ? memberLabel(member.projectKey, member.versionName) : text('audit.memberOfProject', { project: member.projectKey, id: member.versionId });
  return { record, events: [{ type: 'member-removed', by, at, ...auditLine('audit.memberRemoved', { version: label }), data: { projectKey: member.projectKey, versionId: member.versionId } }] };
}

export function tickTrainGate(train: TrainRecord, gateId: string, ticked: boolean, by: string, at: string): TrainChange {
  const gate = train.gates.find((g) => g.id === gateId);
  if (!gate) throw new ReleaseRuleError(text('errors.train.noGate'), 'gateId');
  if (gate.ticked === ticked) return { record: train, events: [] };
  const changed: TrainGate = ticked ? { id: gate.id, name: gate.name, ticked: true, tickedBy: by, tickedAt: at } : { id: gate.id, name: gate.name, ticked: false };
  return {
    record: { ...train, gates: train.gates.map((g) => (g.id === gateId ? changed : g)) },
    events: [{ type: ticked ? 'train-gate-ticked' : 'train-gate-unticked', by, at, ...auditLine(ticked ? 'audit.trainGateTicked' : 'audit.trainGateUnticked', { gate: trainGateNameText(gate.name) }) }],
  };
}

/** One member's decision by the release gate rule (decided per member by the CI gate's use case). */
export interface MemberOutcome {
  projectKey: string;
  versionId: string;
  /** undefined when the person cannot see the member: named "a version you cannot see". */
  label?: string;
  phase?: string;
  decision: TrainDecision;
  failingGates: string[];
}

export interface TrainOutcome {
  decision: TrainDecision;
  /** Unticked train gates by name. */
  failingGates: string[];
  /** The members that are not go: who blocks, with their failing gates and phase. */
  blockers: MemberOutcome[];
  /** The reasons in English (logs, the CI gate's answer). */
  reasons: string[];
  /** The same reasons language-neutral, for a reader's translator (the train view). */
  reasonTexts: Text[];
  rule: string;
}

/** Go when the train has members, every member is go and every train gate is ticked. */
export function trainDecision(train: Pick<TrainRecord, 'gates' | 'members'>, members: readonly MemberOutcome[]): TrainOutcome {
  const failingGates = train.gates.filter((g) => !g.ticked).map((g) => g.name);
  const blockers = members.filter((m) => m.decision !== 'go');
  const reasonTexts: Text[] = [];
  if (members.length === 0) reasonTexts.push(text('views.train.noMembers'));
  for (const b of blockers) {
    if (!b.label) {
      reasonTexts.push(text('views.train.hiddenNoGo'));
      continue;
    }
    const gates = { list: b.failingGates.map(gateNameTextByName) };
    const id = b.phase ? (b.failingGates.length ? 'views.train.memberNoGoInGates' : 'views.train.memberNoGoIn') : b.failingGates.length ? 'views.train.memberNoGoGates' : 'views.train.memberNoGo';
    reasonTexts.push(text(id, { member: b.label, ...(b.phase && { phase: phaseNameTextByName(b.phase) }), ...(b.failingGates.length > 0 && { gates }) }));
  }
  if (failingGates.length) reasonTexts.push(text('views.train.gatesNotTicked', { count: failingGates.length, gates: { list: failingGates.map(trainGateNameText) } }));
  const go = members.length > 0 && blockers.length === 0 && failingGates.length === 0;
  if (go) reasonTexts.push(text('views.train.allGo', { count: members.length }));
  const reasons = reasonTexts.map(english);
  return { decision: go ? 'go' : 'no-go', failingGates, blockers, reasons, reasonTexts, rule: TRAIN_GO_RULE };
}

/** Projects with more than one version on the train, for the panel's note. */
export function sharedProjects(train: Pick<TrainRecord, 'members'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of train.members) counts.set(m.projectKey, (counts.get(m.projectKey) ?? 0) + 1);
  return new Map([...counts].filter(([, n]) => n > 1));
}
