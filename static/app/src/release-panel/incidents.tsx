import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Tooltip from '@atlaskit/tooltip';
import { CHANGE_FAILURE_MEANING, changeFailureLine, timeToRestoreLine, type IncidentLineView, type IncidentsView, type ReleaseView } from '../../../../src/shared/release-panel';
import { IssueLink } from '../components/issue-link';
import { RouterLink } from '../components/router-link';
import { formatInstant, plural, safeHttpsUrl } from '../lib/labels';
import { relativeTime } from './environment-strip';

/**
 * Bedding-in health (issue 13): the incidents monitoring reported for this release, its time to
 * restore, the project's change failure rate and its monitoring dashboards. Every value a tool sent
 * (titles) is rendered as text React escapes; a link is clickable only when it is https.
 */

/** Shown once the release is live, in the phase that watches bedding-in, or whenever it has incidents. */
export function showsIncidents(view: ReleaseView): view is ReleaseView & { incidents: IncidentsView } {
  const m = view.incidents;
  if (!m) return false;
  return view.version.released || m.liveSince !== undefined || m.incidents.length > 0 || view.currentPhaseId === m.phaseId;
}

/** "3 hours ago" with the exact time on hover and focus. */
function When({ iso, prefix }: { iso: string; prefix: string }) {
  return (
    <Tooltip content={formatInstant(iso)}>
      {(props) => (
        <span {...props} tabIndex={0}>
          {`${prefix} ${relativeTime(iso)}`}
        </span>
      )}
    </Tooltip>
  );
}

const rowStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.100',
  backgroundColor: 'elevation.surface',
});

function IncidentRow({ incident: i }: { incident: IncidentLineView }) {
  const link = safeHttpsUrl(i.link);
  return (
    <Box as="li" xcss={rowStyle} testId={`incident-${i.key}`}>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={i.severe ? 'removed' : 'moved'} testId={`incident-${i.key}-severity`}>{`Severity ${i.severity}`}</Lozenge>
          <Lozenge appearance={i.resolvedAt ? 'success' : 'inprogress'} testId={`incident-${i.key}-state`}>
            {i.resolvedAt ? 'Resolved' : 'Open'}
          </Lozenge>
          <Text weight="bold">{link ? <RouterLink href={link}>{i.title}</RouterLink> : i.title}</Text>
          <Text size="small" color="color.text.subtle">
            {i.toolLabel}
            {i.jiraIssueKey && (
              <>
                {' · '}
                <span data-testid={`incident-${i.key}-issue`}>
                  <IssueLink issueKey={i.jiraIssueKey} />
                </span>
              </>
            )}
          </Text>
        </Inline>
        <Text size="small" color="color.text.subtle">
          <When iso={i.startedAt} prefix="Started" />
          {i.startedRelative && ` (${i.startedRelative})`}
          {i.resolvedAt ? (
            <>
              {' · '}
              <When iso={i.resolvedAt} prefix="resolved" />
              {i.restoredAfter && `, restored after ${i.restoredAfter}`}
            </>
          ) : (
            ' · still open'
          )}
        </Text>
      </Stack>
    </Box>
  );
}

export function IncidentsSection({ view }: { view: ReleaseView }) {
  if (!showsIncidents(view)) return null;
  const m = view.incidents;
  return (
    <Stack space="space.150" testId="incidents-section">
      <Heading size="small">Bedding-in health</Heading>
      <Text color="color.text.subtle">
        {m.liveSince ? <When iso={m.liveSince} prefix="Live since" /> : 'Not live yet: no production deployment or release date.'}
        {m.beddingInEndsAt && (
          <>
            {' · '}
            <When iso={m.beddingInEndsAt} prefix={Date.parse(m.beddingInEndsAt) > Date.now() ? 'bedding-in ends' : 'bedding-in ended'} />
          </>
        )}
      </Text>
      {m.incidents.length === 0 ? (
        <Text testId="incidents-empty">No incidents during bedding-in so far.</Text>
      ) : (
        <Stack space="space.075">
          <Text>{`${plural(m.incidents.length, 'incident')}${m.open > 0 ? `, ${m.open} open` : ', all resolved'}`}</Text>
          <Box as="ul" xcss={xcss({ listStyle: 'none', padding: 'space.0', margin: 'space.0' })}>
            <Stack space="space.075">
              {m.incidents.map((i) => (
                <IncidentRow key={i.key} incident={i} />
              ))}
            </Stack>
          </Box>
        </Stack>
      )}
      <Stack space="space.050">
        {m.timeToRestore && <Text testId="incidents-ttr">{timeToRestoreLine(m.timeToRestore)}</Text>}
        {m.changeFailureRate && (
          <Inline space="space.050" alignBlock="center">
            <Text testId="incidents-cfr">{changeFailureLine(m.changeFailureRate)}</Text>
            <Tooltip content={CHANGE_FAILURE_MEANING}>
              {(props) => (
                <span {...props} tabIndex={0} role="note" aria-label={`What this means: ${CHANGE_FAILURE_MEANING}`}>
                  <Text size="small" color="color.text.subtlest">(what is this?)</Text>
                </span>
              )}
            </Tooltip>
          </Inline>
        )}
      </Stack>
      <MonitoringLinks incidents={m} />
    </Stack>
  );
}

/** The project's dashboards ("Open Datadog dashboard"), https only, from the project settings. */
export function MonitoringLinks({ incidents }: { incidents: IncidentsView }) {
  const links = incidents.dashboards.flatMap((d) => {
    const safe = safeHttpsUrl(d.url);
    return safe ? [{ ...d, url: safe }] : [];
  });
  if (links.length === 0) return <Text size="small" color="color.text.subtlest">No monitoring dashboards set: a project admin adds them in the Preflight project settings.</Text>;
  return (
    <Inline space="space.150" shouldWrap testId="monitoring-links">
      {links.map((d) => (
        <RouterLink key={d.tool} href={d.url}>{`Open ${d.label} dashboard`}</RouterLink>
      ))}
    </Inline>
  );
}
