import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { MACRO_KEYS } from '../../../../src/shared/macros';
import { DEFAULT_HEALTH_WINDOW, HEALTH_KEYS, HEALTH_WINDOWS, healthMacroConfigSchema, type HealthMacroConfig, type HealthMacroConfigInput, type HealthWindow, type ReleaseHealthView } from '../../../../src/shared/health';
import { callResolver } from '../bridge/call-resolver';
import { HealthReport } from '../health/health-report';
import { ErrorNote } from './macro-common/error-note';
import { ConfigActions, MacroStates } from './macro-common/macro-states';
import { useLoad, useMacroContextOf } from './macro-common/use-macro';
import './macro-common/macro.css';

/** The macro's settings: a project the person can see, and how many releases count. Saved with view.submit({ config }). */
function HealthConfigForm({ initial }: { initial: Partial<HealthMacroConfigInput> }) {
  const [projects, setProjects] = useState<Array<{ id: string; key: string; name: string }>>();
  const [projectKey, setProjectKey] = useState(initial.projectKey ?? '');
  const [releases, setReleases] = useState<HealthWindow>(initial.releases ?? DEFAULT_HEALTH_WINDOW);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    callResolver<Array<{ id: string; key: string; name: string }>>(MACRO_KEYS.projects, {}).then(setProjects, setError);
  }, []);
  const candidate = { projectKey, releases };
  const valid = healthMacroConfigSchema.safeParse(candidate).success;
  return (
    <form
      className="macro"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) view.submit({ config: candidate }).catch(setError);
      }}
    >
      <h2>Release health settings</h2>
      {error !== undefined && <ErrorNote error={error} />}
      <label htmlFor="health-project">Project</label>
      <select id="health-project" value={projectKey} onChange={(e) => setProjectKey(e.target.value)} disabled={!projects}>
        <option value="">{projects ? 'Choose a project' : 'Loading projects…'}</option>
        {projects?.map((p) => (
          <option key={p.id} value={p.key}>
            {p.name} ({p.key})
          </option>
        ))}
      </select>
      <label htmlFor="health-releases">Releases counted</label>
      <select id="health-releases" value={releases} onChange={(e) => setReleases(Number(e.target.value) as HealthWindow)}>
        {HEALTH_WINDOWS.map((n) => (
          <option key={n} value={n}>
            The last {n} releases
          </option>
        ))}
      </select>
      <ConfigActions canSave={valid} />
    </form>
  );
}

function Health({ config }: { config: HealthMacroConfig }) {
  const { data, error } = useLoad(() => callResolver<ReleaseHealthView>(HEALTH_KEYS.macro, { config }), [config.projectKey, config.releases]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading release health…</p>;
  return (
    <>
      <h2>
        Release health: {config.projectKey} <span className="count">(last {config.releases} releases)</span>
      </h2>
      <HealthReport view={data} fileName={`release-health-${config.projectKey}-last-${config.releases}.csv`} />
    </>
  );
}

/** The "Release health" Confluence macro: a project's release health, read as the person viewing the page. */
export default function Macro() {
  const context = useMacroContextOf(healthMacroConfigSchema);
  return (
    <MacroStates
      context={context}
      prompt="Choose a project for this release health"
      configure={(initial) => <HealthConfigForm initial={initial} />}
      render={(config) => <Health config={config} />}
    />
  );
}
