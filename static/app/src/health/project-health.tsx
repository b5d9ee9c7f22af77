import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_HEALTH_WINDOW, HEALTH_KEYS, HEALTH_WINDOWS, type HealthWindow, type ReleaseHealthView } from '../../../../src/shared/health';
import { callResolver } from '../bridge/call-resolver';
import { errorMessage } from '../bridge/flags';
import { CenteredSpinner } from '../components/centered-spinner';
import { useT } from '../i18n/use-t';
import { HealthReport } from './health-report';

export interface ProjectHealthProps { search: string; onSearchChange: (search: string) => void; onOpenVersion: (versionId: string) => void }

/** `?releases=20` in the page URL: the window a person chose (kept so the view can be shared). */
export function windowFromSearch(search: string): HealthWindow {
  const n = Number(new URLSearchParams(search).get('releases'));
  return (HEALTH_WINDOWS as readonly number[]).includes(n) ? (n as HealthWindow) : DEFAULT_HEALTH_WINDOW;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; view: ReleaseHealthView };

/**
 * The project page's Health view: how the project's last N releases went (on time, slip, scope
 * churn, overrides, QA rejections, change failure rate, time to restore, lead time, deployment
 * frequency), as figures, trend charts and a table, from what Preflight stored about them.
 */
export default function ProjectHealth({ search, onSearchChange, onOpenVersion }: ProjectHealthProps) {
  const { t } = useT();
  const window = windowFromSearch(search);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const generation = useRef(0);
  const load = useCallback(() => {
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    callResolver<ReleaseHealthView>(HEALTH_KEYS.project, { releases: window }).then(
      (view) => mine === generation.current && setState({ kind: 'loaded', view }),
      (error: unknown) => mine === generation.current && setState({ kind: 'error', message: errorMessage(error) }),
    );
  }, [window]);
  useEffect(load, [load]);
  const choose = (next: HealthWindow) => onSearchChange(next === DEFAULT_HEALTH_WINDOW ? '' : `?releases=${next}`);

  if (state.kind === 'loading') return <CenteredSpinner label={t('releases.page.loadingHealth')} />;
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title={t('portfolio.health.error')} actions={<SectionMessageAction onClick={load}>{t('portfolio.retry')}</SectionMessageAction>}>
        <p>{state.message}</p>
      </SectionMessage>
    );
  }
  const key = state.view.subject.kind === 'project' ? state.view.subject.projectKey : state.view.subject.trainId;
  return <HealthReport view={state.view} fileName={`release-health-${key}-last-${window}.csv`} window={{ value: window, onChange: choose }} onOpen={onOpenVersion} />;
}
