import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { useEffect, useState } from 'react';
import { PANEL_KEYS, type AuditEventView, type AuditPage, type ReleaseView } from '../../../../src/shared/release-panel';
import { callResolver } from '../bridge/call-resolver';
import { flagError } from '../bridge/flags';
import { GATE_STATUS, formatInstant, plural } from '../lib/labels';

const eventStyle = xcss({ paddingBlock: 'space.100', borderBlockEndColor: 'color.border', borderBlockEndStyle: 'solid', borderBlockEndWidth: 'border.width' });

/**
 * The append-only trail, newest first. The view carries the first page; older events load on
 * demand. A write answers a new view, which restarts the trail at its newest page.
 */
export function AuditTrail({ view }: { view: ReleaseView }) {
  const [events, setEvents] = useState<AuditEventView[]>(view.audit.events);
  const [cursor, setCursor] = useState(view.audit.nextCursor);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setEvents(view.audit.events);
    setCursor(view.audit.nextCursor);
  }, [view.audit]);

  const more = () => {
    if (!cursor) return;
    setLoading(true);
    callResolver<AuditPage>(PANEL_KEYS.audit, { versionId: view.version.id, cursor })
      .then((page) => {
        setEvents((e) => [...e, ...page.events]);
        setCursor(page.nextCursor);
      })
      .catch((error: unknown) => flagError('Older audit events could not be loaded', error))
      .finally(() => setLoading(false));
  };

  return (
    <Stack space="space.100">
      <Heading size="medium">Audit trail</Heading>
      {events.length === 0 ? (
        <Text color="color.text.subtlest">Nothing has happened to this release yet.</Text>
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
            Load older events
          </Button>
        </Inline>
      )}
    </Stack>
  );
}

const SNAPSHOT_HEAD = {
  cells: [
    { key: 'gate', content: 'Gate' },
    { key: 'status', content: 'Status' },
    { key: 'reason', content: 'Reason' },
  ],
};

function AuditEvent({ event }: { event: AuditEventView }) {
  const [open, setOpen] = useState(false);
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text size="small" color="color.text.subtlest">
          {formatInstant(event.at)}
        </Text>
        <Text weight="medium">{event.by.displayName}</Text>
        <Text>{event.summary}</Text>
      </Inline>
      {event.snapshot && event.snapshot.length > 0 && (
        <>
          <Inline>
            <Button spacing="compact" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide gate snapshot' : `Show gate snapshot (${plural(event.snapshot.length, 'gate')})`}
            </Button>
          </Inline>
          {open && (
            <DynamicTable
              head={SNAPSHOT_HEAD}
              rows={event.snapshot.map((g) => ({
                key: g.gateId,
                cells: [
                  { key: 'gate', content: g.name },
                  { key: 'status', content: <Lozenge appearance={GATE_STATUS[g.status].appearance}>{GATE_STATUS[g.status].label}</Lozenge> },
                  { key: 'reason', content: g.reason },
                ],
              }))}
            />
          )}
        </>
      )}
    </Stack>
  );
}
