import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useState } from 'react';
import type { PhaseView, ReleaseView } from '../../../../src/shared/release-panel';
import { errorMessage, isFailure } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { useT } from '../i18n/use-t';
import { AdvanceSection, CURRENT_PHASE_TITLE_ID } from './advance';
import { AuditTrail } from './audit-trail';
import { GateList } from './gates';
import { PanelHeader } from './panel-header';
import { NotificationFailures } from './notification-failures';
import { PhaseTracker } from './phase-tracker';
import { PublishPages } from './publish-pages';
import { ReleasedOutsideBanner } from './released-outside-banner';
import { EnvironmentStrip } from './environment-strip';
import { IncidentsSection, showsIncidents } from './incidents';
import { AnnouncementSection, BuildSection, ReleaseInJira } from './release-actions';
import { ScopeChanges } from './scope-changes';
import { useRelease, type ReleaseController } from './use-release';
import { QaBulkApprovals } from '../modules/qa-bulk-approvals';

const sectionStyle = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  borderRadius: 'radius.large',
  padding: 'space.200',
});

/** The phase whose gates guard the Jira release: the default template calls it "deployment". */
const DEPLOYMENT_PHASE_ID = 'deployment';

/**
 * One version's release panel: where it stands, what blocks it, and every action a release owner
 * takes to move it from Planning to Post-release review. Loaded lazily by the Releases page.
 */
export default function ReleasePanel({ versionId, onBack }: { versionId: string; onBack: () => void }) {
  const { t } = useT();
  const ctl = useRelease(versionId);
  const { state } = ctl;

  if (state.kind === 'loading') return <CenteredSpinner label={t('panel.loading')} />;
  if (state.kind === 'error') {
    const notFound = isFailure(state.error, 'NOT_FOUND');
    return (
      <Stack space="space.200">
        <Inline>
          <Button appearance="subtle" spacing="compact" onClick={onBack}>
            {t('panel.back')}
          </Button>
        </Inline>
        <SectionMessage
          appearance="error"
          title={notFound ? t('panel.error.notFound') : t('panel.error.loadFailed')}
          actions={notFound ? [] : [<SectionMessageAction key="retry" onClick={ctl.reload}>{t('panel.error.retry')}</SectionMessageAction>]}
        >
          <p>{errorMessage(state.error)}</p>
        </SectionMessage>
      </Stack>
    );
  }
  return <LoadedPanel view={state.view} ctl={ctl} onBack={onBack} />;
}

function LoadedPanel({ view, ctl, onBack }: { view: ReleaseView; ctl: ReleaseController; onBack: () => void }) {
  const { t } = useT();
  const current = view.phases.find((p) => p.id === view.currentPhaseId);
  const others = view.phases.filter((p) => p.id !== view.currentPhaseId);
  return (
    <Stack space="space.300">
      <PanelHeader view={view} ctl={ctl} onBack={onBack} />
      <ReleasedOutsideBanner view={view} />
      <NotificationFailures versionId={view.version.id} revision={view.revision} />
      <Box xcss={sectionStyle}>
        <PhaseTracker view={view} ctl={ctl} />
      </Box>
      {view.environments && <Box xcss={sectionStyle}><EnvironmentStrip view={view} /></Box>}
      {showsIncidents(view) && <Box xcss={sectionStyle}><IncidentsSection view={view} /></Box>}
      {current && !view.completed && (
        <Box xcss={sectionStyle} testId="current-phase">
          <Stack space="space.150">
            {/* Focusable, so the focus has a place to go after an override from the dialog. */}
            <div id={CURRENT_PHASE_TITLE_ID} tabIndex={-1}>
              <Heading size="medium">{t('panel.current.heading', { phase: current.name })}</Heading>
            </div>
            <GateList gates={current.gates} view={view} ctl={ctl} actionable phase={current} />
            <AdvanceSection view={view} ctl={ctl} />
          </Stack>
        </Box>
      )}
      {view.completed && (
        <Box xcss={sectionStyle}>
          <AdvanceSection view={view} ctl={ctl} />
        </Box>
      )}
      {(view.currentPhaseId === DEPLOYMENT_PHASE_ID || view.version.released) && (
        <Box xcss={sectionStyle}>
          <ReleaseInJira view={view} ctl={ctl} />
        </Box>
      )}
      <Box xcss={sectionStyle}>
        <Stack space="space.300">
          <BuildSection view={view} ctl={ctl} />
          {/* After the release there is nothing left to approve: the QA record is in the audit trail. */}
          {!view.version.released && <QaBulkApprovals view={view} onDecided={ctl.reload} />}
          <ScopeChanges view={view} ctl={ctl} />
          <AnnouncementSection view={view} ctl={ctl} />
          <PublishPages view={view} onPublished={() => void ctl.refresh()} />
        </Stack>
      </Box>
      <Box xcss={sectionStyle}>
        <Stack space="space.150">
          <Heading size="medium">{t('panel.others.heading')}</Heading>
          {others.map((phase) => (
            <OtherPhase key={phase.id} phase={phase} view={view} ctl={ctl} />
          ))}
        </Stack>
      </Box>
      <Box xcss={sectionStyle}>
        <AuditTrail view={view} />
      </Box>
    </Stack>
  );
}

const PHASE_STATE = { done: 'success', current: 'inprogress', upcoming: 'default' } as const;

/** A collapsed phase: its gates are there to read (what was signed, what comes next), not to act on. */
function OtherPhase({ phase, view, ctl }: { phase: PhaseView; view: ReleaseView; ctl: ReleaseController }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const failing = phase.gates.filter((g) => g.status === 'fail').length;
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        {/* The name says what opens, and contains the visible phase name (the arrow is decoration). */}
        <Button appearance="subtle" spacing="compact" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={t(open ? 'panel.others.hide' : 'panel.others.show', { phase: phase.name })}>
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {phase.name}
        </Button>
        <Lozenge appearance={PHASE_STATE[phase.state]}>{t(`panel.phaseState.${phase.state}`)}</Lozenge>
        <Text size="small" color="color.text.subtlest">{t('panel.others.count', { gates: phase.gates.length, failing })}</Text>
      </Inline>
      {open && <GateList gates={phase.gates} view={view} ctl={ctl} actionable={false} phase={phase} />}
    </Stack>
  );
}
