import { codeBlock, table, tableCell, tableHeader, tableRow, text } from '@atlaskit/adf-utils/builders';
import { AUDIT_KIND_LABELS } from '../../shared/release-panel';
import type { EvidencePack } from '../evidence';
import { bold, document, para, plain, title, type AdfDoc, type AdfInline } from './adf-kit';
import { ownedBlock } from './owned-blocks';

/** The marker of the owned block that holds the readable evidence. */
export const EVIDENCE_BLOCK = 'evidence-record';

/** The command an auditor runs on the downloaded pack (cli/verify-evidence.ts). */
export const VERIFY_COMMAND = 'npx tsx cli/verify-evidence.ts pack.json';

const STATUS: Record<string, string> = { pass: 'Pass', fail: 'FAIL', warning: 'Warning' };
const ROLE: Record<string, string> = { 'release-owner': 'release owner', 'engineering-lead': 'engineering lead', qa: 'QA lead' };

interface SnapshotGate {
  gateId?: unknown;
  name?: unknown;
  status?: unknown;
  reason?: unknown;
  signatures?: Array<{ role?: unknown; by?: unknown; at?: unknown }>;
}

/** "release-preparation" → "Release preparation": phases are stored by id. */
const phase = (id: string) => (id === '' ? '—' : `${id.charAt(0).toUpperCase()}${id.slice(1).replace(/-/g, ' ')}`);
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/**
 * The evidence pack as a readable Confluence page: the overall SHA-256 digest and how to check it,
 * then every decision and every go/no-go snapshot in tables. All of it sits in one Preflight-owned
 * block, so an auditor's note written beside it survives publishing again. Every stored value
 * (summaries, reasons, names) goes into text nodes, never markup. People are named as they were
 * at export, with their account id, which is what the digest covers.
 */
export function evidenceAdf(heading: string, pack: EvidencePack): AdfDoc {
  const who = (id: string) => (pack.people[id] && pack.people[id] !== id ? `${pack.people[id]} (${id})` : id);
  const cell = (value: string) => tableCell()(para(plain(value === '' ? '—' : value)));
  const cellOf = (...parts: AdfInline[][]) => tableCell()(parts.flat().length > 0 ? para(...parts) : para(plain('—')));
  const head = (...names: string[]) => tableRow(names.map((n) => tableHeader()(para(plain(n)))));

  const decisions =
    pack.decisions.length === 0
      ? para(plain('No decision is recorded yet.'))
      : table(
          head('When', 'Kind', 'Who', 'What', 'Event'),
          ...pack.decisions.map((d) => tableRow([cell(d.at), cell(AUDIT_KIND_LABELS[d.kind] ?? d.kind), cell(who(d.by)), cell(d.summary), cell(d.eventId)])),
        );

  const snapshots = pack.snapshots.flatMap((s, i) => {
    const override = s.override as { reason?: unknown; failingGateIds?: unknown } | undefined;
    const gates = s.gates as SnapshotGate[];
    return [
      title(3, `${i + 1}. ${phase(s.from)} → ${phase(s.to)}`),
      para(plain(`Decided by ${who(s.by)} at ${s.at}.`)),
      ...(override
        ? [para(bold('Overridden: '), plain(`${str(override.reason)}${Array.isArray(override.failingGateIds) && override.failingGateIds.length > 0 ? ` (past ${override.failingGateIds.map(str).join(', ')})` : ''}`))]
        : []),
      gates.length === 0
        ? para(plain('No gate was evaluated.'))
        : table(
            head('Gate', 'Status', 'Reason', 'Signed by'),
            ...gates.map((g) =>
              tableRow([
                cell(str(g.name) || str(g.gateId)),
                cellOf(g.status === 'fail' ? bold(STATUS['fail']!) : plain(STATUS[str(g.status)] ?? str(g.status))),
                cell(str(g.reason)),
                cell((g.signatures ?? []).map((sig) => `${who(str(sig.by))} as ${ROLE[str(sig.role)] ?? str(sig.role)} at ${str(sig.at)}`).join('; ')),
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
      para(plain(`Project ${pack.project.key}, version ${pack.version.name} (${pack.version.id}). Exported ${pack.exportedAt} by ${who(pack.exportedBy)}.`)),
      title(3, 'Integrity'),
      para(bold('SHA-256 digest of the record: '), plain(pack.integrity.digest)),
      para(
        plain(
          `The digest covers the stored release record and all ${pack.events.length} audit events (${pack.integrity.canonicalisation}); display names are not covered. To check that nothing was altered since, download the evidence pack from the release panel (Audit trail, "Download evidence pack") and run:`,
        ),
      ),
      codeBlock({ language: 'shell' })(text(VERIFY_COMMAND)),
      para(plain('The check recomputes every digest from the pack; a pack exported later shows the same digest until the release changes again. A different digest at the same revision, or a problem the check names, means the record was altered after this page was published.')),
      title(3, `Decisions (${pack.decisions.length})`),
      decisions,
      title(3, `Go/no-go snapshots (${pack.snapshots.length})`),
      ...(snapshots.length > 0 ? snapshots : [para(plain('No phase was left yet, so there is no go/no-go snapshot.'))]),
    ),
  );
}
