import { codeBlock, table, tableCell, tableHeader, tableRow, text } from '@atlaskit/adf-utils/builders';
import { say, serverTranslator, type ServerMessageId } from '../../i18n/server-translator';
import type { AuditKind } from '../../shared/release-panel';
import { auditSummary, storedTextSchema } from '../audit-line';
import { gateNameText } from '../default-names';
import type { EvidenceDecision, EvidencePack } from '../evidence';
import { DEFAULT_TEMPLATE } from '../template';
import { bold, document, para, plain, title, type AdfDoc, type AdfInline } from './adf-kit';
import { ownedBlock } from './owned-blocks';
import type { PageTranslator } from './release-notes-adf';

/** The marker of the owned block that holds the readable evidence. */
export const EVIDENCE_BLOCK = 'evidence-record';

/** The command an auditor runs on the downloaded pack (cli/verify-evidence.ts). */
export const VERIFY_COMMAND = 'npx tsx cli/verify-evidence.ts pack.json';

const STATUS_IDS: Record<string, ServerMessageId> = { pass: 'pages.evidence.pass', fail: 'pages.evidence.fail', warning: 'pages.evidence.warning' };
const ROLE_IDS: Record<string, ServerMessageId> = { 'release-owner': 'pages.role.release-owner', 'engineering-lead': 'pages.role.engineering-lead', qa: 'pages.role.qa' };
const DEFAULT_PHASES = new Set(DEFAULT_TEMPLATE.major.map((p) => p.id));

interface SnapshotGate {
  gateId?: unknown;
  name?: unknown;
  status?: unknown;
  reason?: unknown;
  text?: unknown;
  signatures?: Array<{ role?: unknown; by?: unknown; at?: unknown }>;
}

/** A snapshot gate's reason in the page's language: its stored message when it has a sound one, else the stored English. */
function snapshotReason(g: SnapshotGate, tr: PageTranslator): string {
  const parsed = storedTextSchema.safeParse(g.text);
  return auditSummary(tr, { summary: str(g.reason), ...(parsed.success && { text: parsed.data }) });
}

/**
 * A phase of a snapshot, stored by id: the built-in template's phases read by their default name
 * in the page's language; any other id reads as itself, "release-preparation" → "Release preparation".
 */
function phase(id: string, tr: PageTranslator): string {
  if (id === '') return '—';
  if (DEFAULT_PHASES.has(id)) return tr.t(`views.template.phase.${id}` as ServerMessageId);
  return `${id.charAt(0).toUpperCase()}${id.slice(1).replace(/-/g, ' ')}`;
}
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/**
 * The "What" of a decision in the page's language: its stored message, worded for the page; an
 * event stored before messages existed reads as stored (src/domain/audit-line.ts).
 */
export function decisionSummary(decision: Pick<EvidenceDecision, 'summary' | 'text'>, tr: PageTranslator): string {
  return auditSummary(tr, decision);
}

/**
 * The evidence pack as a readable Confluence page: the overall SHA-256 digest and how to check it,
 * then every decision and every go/no-go snapshot in tables. All of it sits in one Preflight-owned
 * block, so an auditor's note written beside it survives publishing again. Every stored value
 * (summaries, reasons, names) goes into text nodes, never markup. People are named as they were
 * at export, with their account id, which is what the digest covers.
 *
 * The words are in the project's language (`tr`); what an auditor compares with the pack stays
 * exactly as the pack has it: instants in ISO, event ids, account ids, the digest and the command.
 */
export function evidenceAdf(heading: string, pack: EvidencePack, tr: PageTranslator = serverTranslator('en')): AdfDoc {
  const who = (id: string) => (pack.people[id] && pack.people[id] !== id ? `${pack.people[id]} (${id})` : id);
  const cell = (value: string) => tableCell()(para(plain(value === '' ? '—' : value)));
  const cellOf = (...parts: AdfInline[][]) => tableCell()(parts.flat().length > 0 ? para(...parts) : para(plain('—')));
  const head = (...ids: ServerMessageId[]) => tableRow(ids.map((id) => tableHeader()(para(plain(tr.t(id))))));
  const kind = (k: AuditKind) => tr.t(`pages.evidence.kind.${k}` as ServerMessageId);
  const status = (s: unknown) => (STATUS_IDS[str(s)] ? tr.t(STATUS_IDS[str(s)]!) : str(s));
  const role = (r: unknown) => (ROLE_IDS[str(r)] ? tr.t(ROLE_IDS[str(r)]!) : str(r));
  /** A gate's name as stored at the snapshot; a built-in gate still under its default name reads in the page's language. */
  const gateName = (g: SnapshotGate) => {
    const name = str(g.name);
    if (!name) return str(g.gateId);
    const named = gateNameText({ id: str(g.gateId), name });
    return typeof named === 'string' ? named : say(tr, named);
  };

  const decisions =
    pack.decisions.length === 0
      ? para(plain(tr.t('pages.evidence.noDecision')))
      : table(
          head('pages.evidence.when', 'pages.evidence.kind', 'pages.evidence.who', 'pages.evidence.what', 'pages.evidence.event'),
          ...pack.decisions.map((d) => tableRow([cell(d.at), cell(kind(d.kind) || d.kind), cell(who(d.by)), cell(decisionSummary(d, tr)), cell(d.eventId)])),
        );

  const snapshots = pack.snapshots.flatMap((s, i) => {
    const override = s.override as { reason?: unknown; failingGateIds?: unknown } | undefined;
    const gates = s.gates as SnapshotGate[];
    const past = Array.isArray(override?.failingGateIds) && override.failingGateIds.length > 0 ? override.failingGateIds.map(str).join(', ') : undefined;
    return [
      title(3, `${i + 1}. ${phase(s.from, tr)} → ${phase(s.to, tr)}`),
      para(plain(tr.t('pages.evidence.decidedBy', { person: who(s.by), at: s.at }))),
      ...(override
        ? [para(bold(tr.t('pages.evidence.overridden')), plain(past ? tr.t('pages.evidence.overridePast', { reason: str(override.reason), gates: past }) : str(override.reason)))]
        : []),
      gates.length === 0
        ? para(plain(tr.t('pages.evidence.noGate')))
        : table(
            head('pages.evidence.gate', 'pages.evidence.status', 'pages.evidence.reason', 'pages.evidence.signedBy'),
            ...gates.map((g) =>
              tableRow([
                cell(gateName(g)),
                cellOf(g.status === 'fail' ? bold(status('fail')) : plain(status(g.status))),
                cell(snapshotReason(g, tr)),
                cell((g.signatures ?? []).map((sig) => tr.t('pages.evidence.signature', { person: who(str(sig.by)), role: role(sig.role), at: str(sig.at) })).join('; ')),
              ]),
            ),
          ),
    ];
  });

  return document(
    ownedBlock(
      EVIDENCE_BLOCK,
      heading,
      title(2, heading),
      para(plain(tr.t('pages.evidence.intro', { project: pack.project.key, version: pack.version.name, versionId: pack.version.id, exportedAt: pack.exportedAt, person: who(pack.exportedBy) }))),
      title(3, tr.t('pages.evidence.integrity')),
      para(bold(tr.t('pages.evidence.digest')), plain(pack.integrity.digest)),
      para(plain(tr.t('pages.evidence.covers', { count: pack.events.length, canonicalisation: pack.integrity.canonicalisation }))),
      codeBlock({ language: 'shell' })(text(VERIFY_COMMAND)),
      para(plain(tr.t('pages.evidence.recheck'))),
      title(3, tr.t('pages.evidence.decisions', { count: pack.decisions.length })),
      decisions,
      title(3, tr.t('pages.evidence.snapshots', { count: pack.snapshots.length })),
      ...(snapshots.length > 0 ? snapshots : [para(plain(tr.t('pages.evidence.noSnapshot')))]),
    ),
  );
}
