import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useEffect, useMemo, useState } from 'react';
import { MACRO_KEYS, type PublishResult } from '../../../../src/shared/macros';
import { AUDIT_KINDS, PANEL_KEYS, type AuditEventView, type AuditKind, type AuditPage, type PersonRef, type ReleaseView } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage, flagError, flagSuccess } from '../bridge/flags';
import { RouterLink } from '../components/router-link';
import { useT } from '../i18n/use-t';
import { refusalFor } from '../lib/permissions';
import { gateStatus, instantText, roleName } from '../lib/labels';
import { PanelWhy } from './panel-why';

const eventStyle = xcss({ paddingBlock: 'space.100', borderBlockEndColor: 'color.border', borderBlockEndStyle: 'solid', borderBlockEndWidth: 'border.width' });

/**
 * The append-only trail, newest first. The view carries the first page; older events load on
 * demand. A write answers a new view, which restarts the trail at its newest page.
 */
export function AuditTrail({ view }: { view: ReleaseView }) {
  const { t } = useT();
  const [events, setEvents] = useState<AuditEventView[]>(view.audit.events);
  const [cursor, setCursor] = useState(view.audit.nextCursor);
  const [loading, setLoading] = useState(false);
  const [kind, setKind] = useState<AuditKind>();
  const [by, setBy] = useState<string>();
  const filtered = kind !== undefined || by !== undefined;
  const people = useMemo(() => peopleOf(view), [view]);

  useEffect(() => {
    // Unfiltered, the view's first page is the trail; filtered, the resolver searches the whole trail.
    if (!filtered) {
      setEvents(view.audit.events);
      setCursor(view.audit.nextCursor);
      return;
    }
    let current = true;
    setLoading(true);
    callResolver<AuditPage>(PANEL_KEYS.audit, { versionId: view.version.id, ...(kind && { kind }), ...(by && { by }) })
      .then((page) => {
        if (!current) return;
        setEvents(page.events);
        setCursor(page.nextCursor);
      })
      .catch((error: unknown) => current && flagError(t('panel.audit.filterFailed'), error))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [view.audit, view.version.id, filtered, kind, by, t]);

  const more = () => {
    if (!cursor) return;
    setLoading(true);
    callResolver<AuditPage>(PANEL_KEYS.audit, { versionId: view.version.id, cursor, ...(kind && { kind }), ...(by && { by }) })
      .then((page) => {
        setEvents((e) => [...e, ...page.events]);
        setCursor(page.nextCursor);
      })
      .catch((error: unknown) => flagError(t('panel.audit.moreFailed'), error))
      .finally(() => setLoading(false));
  };

  const kindOptions = AUDIT_KINDS.map((k) => ({ value: k, label: t(`panel.audit.kind.${k}`) }));
  const personOptions = people.map((p) => ({ value: p.accountId, label: p.displayName }));
  return (
    <Stack space="space.100">
      <Inline space="space.150" alignBlock="center" spread="space-between" shouldWrap>
        <Heading size="medium">{t('panel.audit.heading')}</Heading>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <EvidencePackButton view={view} />
          <EvidencePage view={view} />
        </Inline>
      </Inline>
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <div style={{ minWidth: 220 }}>
          <Select
            inputId="audit-kind"
            aria-label={t('panel.audit.kindFilter')}
            isClearable
            options={kindOptions}
            value={kindOptions.find((o) => o.value === kind) ?? null}
            onChange={(option) => setKind(option?.value)}
            placeholder={t('panel.audit.everyKind')}
          />
        </div>
        <div style={{ minWidth: 220 }}>
          <Select
            inputId="audit-person"
            aria-label={t('panel.audit.personFilter')}
            isClearable
            options={personOptions}
            value={personOptions.find((o) => o.value === by) ?? null}
            onChange={(option) => setBy(option?.value)}
            placeholder={t('panel.audit.everyone')}
          />
        </div>
      </Inline>
      {events.length === 0 ? (
        <Text color="color.text.subtlest">{filtered ? (cursor ? t('panel.audit.noMatchYet') : t('panel.audit.noMatch')) : t('panel.audit.empty')}</Text>
      ) : (
        <Stack role="list" testId="audit-trail">
          {events.map((event) => (
            <Box key={event.id} xcss={eventStyle} role="listitem">
              <AuditEvent event={event} />
            </Box>
          ))}
        </Stack>
      )}
      {cursor && (
        <Inline>
          <Button onClick={more} isLoading={loading}>
            {t('panel.audit.more')}
          </Button>
        </Inline>
      )}
    </Stack>
  );
}

/** Everyone the view names (the trail's first page, ticks, signatures, scope decisions): the person filter's choices. */
function peopleOf(view: ReleaseView): PersonRef[] {
  const all = new Map<string, PersonRef>();
  const add = (p: PersonRef | undefined) => p && all.set(p.accountId, p);
  view.audit.events.forEach((e) => add(e.by));
  view.phases.flatMap((p) => p.gates).forEach((g) => {
    add(g.ticked?.by);
    g.signatures?.forEach((s) => add(s.by));
  });
  view.scopeChanges.forEach((c) => add(c.decidedBy));
  return [...all.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * Downloads the evidence pack: the stored record and every audit event as one JSON file, with
 * the SHA-256 digests an auditor recomputes (`npx tsx cli/verify-evidence.ts <file>`).
 */
function EvidencePackButton({ view }: { view: ReleaseView }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const pack = await callResolver<{ integrity: { digest: string } }>(PANEL_KEYS.evidencePack, { versionId: view.version.id });
      const url = URL.createObjectURL(new Blob([JSON.stringify(pack, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `evidence-${view.project.key}-${view.version.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      flagSuccess(t('panel.evidence.downloaded'), t('panel.evidence.digest', { digest: pack.integrity.digest }));
    } catch (error) {
      flagError(t('panel.evidence.downloadFailed'), error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void download()} isLoading={busy}>
      {t('panel.evidence.download')}
    </Button>
  );
}

/** What `macro/spaces` answers (the Confluence adapter's shape). */
interface Space {
  id: string;
  key: string;
  name: string;
}

/**
 * Publishes the evidence pack as a readable Confluence page (digest, decisions, go/no-go
 * snapshots): the release owner picks a space, then publishes; publishing again updates the page
 * and keeps what people wrote beside Preflight's block. Spaces are listed only when asked, so
 * opening the panel costs no Confluence call.
 */
function EvidencePage({ view }: { view: ReleaseView }) {
  const translator = useT();
  const { t } = translator;
  const [spaces, setSpaces] = useState<Space[]>();
  const [spaceId, setSpaceId] = useState<string>();
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<PublishResult>();
  const [problem, setProblem] = useState<string>();
  const refused = (view.confluence.connected ? undefined : view.confluence.reason) ?? refusalFor(translator, view.me, 'publish-evidence');

  const pick = async () => {
    setPicking(true);
    setProblem(undefined);
    if (spaces) return;
    try {
      const list = await callResolver<Space[]>(MACRO_KEYS.spaces, {});
      setSpaces(list);
      setSpaceId((chosen) => chosen ?? list[0]?.id);
    } catch (error) {
      setProblem(t('panel.publish.spacesFailed', { error: errorMessage(error) }));
    }
  };
  const publish = async () => {
    if (!spaceId) return;
    setBusy(true);
    try {
      const result = await callResolver<PublishResult>(MACRO_KEYS.publish, {
        config: { projectKey: view.project.key, versionId: view.version.id },
        kind: 'evidence',
        spaceId,
      });
      setPublished(result);
      setPicking(false);
      flagSuccess(result.outcome === 'created' ? t('panel.evidence.pagePublished') : t('panel.evidence.pageUpdated'), t('panel.publish.pageVersion', { title: result.title, version: result.pageVersion }));
    } catch (error) {
      flagError(t('panel.evidence.pageFailed'), error);
    } finally {
      setBusy(false);
    }
  };

  const options = (spaces ?? []).map((s) => ({ label: `${s.name} (${s.key})`, value: s.id }));
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        {!picking ? (
          <Button isDisabled={Boolean(refused)} onClick={() => void pick()}>
            {t('panel.evidence.publish')}
          </Button>
        ) : (
          <>
            <div style={{ minWidth: 220 }}>
              <Select
                inputId="evidence-space"
                aria-label={t('panel.evidence.space')}
                isLoading={spaces === undefined && !problem}
                options={options}
                value={options.find((o) => o.value === spaceId) ?? null}
                onChange={(option) => setSpaceId(option?.value)}
                placeholder={t('panel.publish.chooseSpace')}
              />
            </div>
            <Button appearance="primary" isDisabled={!spaceId} isLoading={busy} onClick={() => void publish()}>
              {t('panel.evidence.publishNow')}
            </Button>
            <Button appearance="subtle" onClick={() => setPicking(false)}>
              {t('panel.cancel')}
            </Button>
          </>
        )}
      </Inline>
      {problem && <Text color="color.text.danger">{problem}</Text>}
      {published && (
        <Text size="small">
          <RouterLink href={published.url}>{published.title}</RouterLink>
          {' · '}
          {t('panel.publish.version', { version: published.pageVersion })}
        </Text>
      )}
      <PanelWhy view={view} reason={refused} />
    </Stack>
  );
}

function AuditEvent({ event }: { event: AuditEventView }) {
  const translator = useT();
  const { t } = translator;
  const snapshotHead = {
    cells: [
      { key: 'gate', content: t('panel.audit.snapshot.gate') },
      { key: 'status', content: t('panel.audit.snapshot.status') },
      { key: 'reason', content: t('panel.audit.snapshot.reason') },
      { key: 'signed', content: t('panel.audit.snapshot.signed') },
    ],
  };
  const [open, setOpen] = useState(false);
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text size="small" color="color.text.subtlest">
          {instantText(translator, event.at)}
        </Text>
        <Text weight="medium">{event.by.displayName}</Text>
        <Text>{event.summary}</Text>
      </Inline>
      {event.snapshot && event.snapshot.length > 0 && (
        <>
          <Inline>
            <Button spacing="compact" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? t('panel.audit.snapshot.hide') : t('panel.audit.snapshot.show', { count: event.snapshot.length })}
            </Button>
          </Inline>
          {open && (
            <DynamicTable
              head={snapshotHead}
              rows={event.snapshot.map((g) => ({
                key: g.gateId,
                cells: [
                  { key: 'gate', content: g.name },
                  { key: 'status', content: <Lozenge appearance={gateStatus(translator, g.status).appearance}>{gateStatus(translator, g.status).label}</Lozenge> },
                  { key: 'reason', content: g.reason },
                  {
                    key: 'signed',
                    content: translator.list(
                      (g.signatures ?? []).map((sig) => t('panel.audit.snapshot.signature', { name: sig.by.displayName, role: roleName(translator, sig.role), when: instantText(translator, sig.at) })),
                    ),
                  },
                ],
              }))}
            />
          )}
        </>
      )}
    </Stack>
  );
}
