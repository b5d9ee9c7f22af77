import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Tooltip from '@atlaskit/tooltip';
import type { IncidentLineView, IncidentsView, ReleaseView } from '../../../../src/shared/release-panel';
import { IssueLink } from '../components/issue-link';
import { RouterLink } from '../components/router-link';
import { useT } from '../i18n/use-t';
import { instantText, safeHttpsUrl } from '../lib/labels';
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

/** "Live since 3 hours ago" (`text` builds it from the relative time), with the exact time on hover and focus. */
function When({ iso, text }: { iso: string; text: (when: string) => string }) {
  const translator = useT();
  return (
    <Tooltip content={instantText(translator, iso)}>
      {(props) => (
        <span {...props} tabIndex={0}>
          {text(relativeTime(translator, iso))}
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
  const { t } = useT();
  const link = safeHttpsUrl(i.link);
  return (
    <Box as="li" xcss={rowStyle} testId={`incident-${i.key}`}>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={i.severe ? 'removed' : 'moved'} testId={`incident-${i.key}-severity`}>{t('panel.incidents.severity', { severity: i.severity })}</Lozenge>
          <Lozenge appearance={i.resolvedAt ? 'success' : 'inprogress'} testId={`incident-${i.key}-state`}>
            {i.resolvedAt ? t('panel.incidents.resolved') : t('panel.incidents.open')}
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
          <When iso={i.startedAt} text={(when) => t('panel.incidents.started', { when })} />
          {i.startedRelative && ` (${i.startedRelative})`}
          {i.resolvedAt ? (
            <>
              {' · '}
              <When iso={i.resolvedAt} text={(when) => t('panel.incidents.resolvedWhen', { when })} />
              {i.restoredAfter && t('panel.incidents.restoredAfter', { duration: i.restoredAfter })}
            </>
          ) : (
            ` · ${t('panel.incidents.stillOpen')}`
          )}
        </Text>
      </Stack>
    </Box>
  );
}

export function IncidentsSection({ view }: { view: ReleaseView }) {
  const { t } = useT();
  if (!showsIncidents(view)) return null;
  const m = view.incidents;
  const ended = m.beddingInEndsAt !== undefined && Date.parse(m.beddingInEndsAt) <= Date.now();
  return (
    <Stack space="space.150" testId="incidents-section">
      <Heading size="small">{t('panel.incidents.heading')}</Heading>
      <Text color="color.text.subtle">
        {m.liveSince ? <When iso={m.liveSince} text={(when) => t('panel.incidents.liveSince', { when })} /> : t('panel.incidents.notLive')}
        {m.beddingInEndsAt && (
          <>
            {' · '}
            <When iso={m.beddingInEndsAt} text={(when) => t(ended ? 'panel.incidents.beddingInEnded' : 'panel.incidents.beddingInEnds', { when })} />
          </>
        )}
      </Text>
      {m.incidents.length === 0 ? (
        <Text testId="incidents-empty">{t('panel.incidents.none')}</Text>
      ) : (
        <Stack space="space.075">
          <Text>{t('panel.incidents.count', { count: m.incidents.length, open: m.open })}</Text>
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
        {m.timeToRestore && (
          <Text testId="incidents-ttr">
            {t('panel.incidents.timeToRestore', { mean: m.timeToRestore.mean, median: m.timeToRestore.median, restored: m.timeToRestore.restored })}
          </Text>
        )}
        {m.changeFailureRate && (
          <Inline space="space.050" alignBlock="center">
            <Text testId="incidents-cfr">
              {t('panel.incidents.changeFailure', { percent: m.changeFailureRate.percent, failed: m.changeFailureRate.failed, total: m.changeFailureRate.total })}
            </Text>
            <Tooltip content={t('panel.incidents.changeFailureMeaning')}>
              {(props) => (
                <span {...props} tabIndex={0} role="note" aria-describedby="cfr-meaning">
                  <Text size="small" color="color.text.subtlest">{t('panel.incidents.whatIsThis')}</Text>
                  <span hidden id="cfr-meaning">
                    {t('panel.incidents.changeFailureMeaning')}
                  </span>
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
  const { t } = useT();
  const links = incidents.dashboards.flatMap((d) => {
    const safe = safeHttpsUrl(d.url);
    return safe ? [{ ...d, url: safe }] : [];
  });
  if (links.length === 0) return <Text size="small" color="color.text.subtlest">{t('panel.incidents.noDashboards')}</Text>;
  return (
    <Inline space="space.150" shouldWrap testId="monitoring-links">
      {links.map((d) => (
        <RouterLink key={d.tool} href={d.url}>{t('panel.incidents.openDashboard', { tool: d.label })}</RouterLink>
      ))}
    </Inline>
  );
}
