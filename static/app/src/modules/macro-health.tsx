import { HEALTH_KEYS, healthMacroConfigSchema, type HealthMacroConfig, type ReleaseHealthView } from '../../../../src/shared/health';
import { callResolver } from '../bridge/call-resolver';
import { HealthReport } from '../health/health-report';
import { useT } from '../i18n/use-t';
import { ErrorNote } from './macro-common/error-note';
import { lazyConfig, MacroStates } from './macro-common/macro-states';
import { useLoad, useMacroContextOf } from './macro-common/use-macro';
import './macro-common/macro.css';

const HealthConfigForm = lazyConfig(() => import('./macro-common/health-config'));

function Health({ config }: { config: HealthMacroConfig }) {
  const { t } = useT();
  const { data, error } = useLoad(() => callResolver<ReleaseHealthView>(HEALTH_KEYS.macro, { config }), [config.projectKey, config.releases]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('macros.health.loading')}</p>;
  return (
    <>
      <h2>
        {t('macros.health.heading', { project: config.projectKey })} <span className="count">{t('macros.health.window', { count: config.releases })}</span>
      </h2>
      <HealthReport view={data} fileName={`${t('macros.health.fileName', { project: config.projectKey, count: config.releases }).replace(/[\\/:*?"<>|]+/g, '-')}.csv`} />
    </>
  );
}

/** The "Release health" Confluence macro: a project's release health, read as the person viewing the page. */
export default function Macro() {
  const { t } = useT();
  const context = useMacroContextOf(healthMacroConfigSchema);
  return (
    <MacroStates
      context={context}
      prompt={t('macros.prompt.health')}
      configure={(initial) => <HealthConfigForm initial={initial} />}
      render={(config) => <Health config={config} />}
    />
  );
}
