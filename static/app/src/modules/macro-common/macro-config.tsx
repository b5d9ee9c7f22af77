import { Checkbox } from '@atlaskit/checkbox';
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { callResolver } from '../../bridge/call-resolver';
import { ConfigActions } from './macro-states';
import {
  MACRO_KEYS,
  TYPE_GROUPS,
  TYPE_GROUP_TITLES,
  macroConfigSchema,
  type Audience,
  type Grouping,
  type MacroConfigInput,
  type TypeGroup,
} from '../../../../../src/shared/macros';
import { ErrorNote } from './error-note';

const GROUPING_LABELS: Record<Grouping, string> = { type: 'Issue type', component: 'Component', label: 'Label', epic: 'Epic' };

/**
 * The macro's configuration: project and version pickers (read through the resolver, as the
 * person), and for release notes the audience, grouping, type order and whether unfinished issues
 * get a "Not yet shipped" section (unset follows the audience: off for customers, on internally;
 * once the person touches it, their choice is saved). Saves with
 * `view.submit({ config })`: Forge stores only what is under `config`, and refuses a payload
 * without it, so the macro would stay unconfigured.
 */
export function MacroConfigForm({ initial, showNotesOptions }: { initial: Partial<MacroConfigInput>; showNotesOptions: boolean }) {
  const [projects, setProjects] = useState<Array<{ id: string; key: string; name: string }>>();
  const [versions, setVersions] = useState<Array<{ id: string; name: string; released: boolean }>>();
  const [projectKey, setProjectKey] = useState(initial.projectKey ?? '');
  const [versionId, setVersionId] = useState(initial.versionId ?? '');
  const [audience, setAudience] = useState<Audience>(initial.audience ?? 'customer');
  const [grouping, setGrouping] = useState<Grouping>(initial.grouping ?? 'type');
  const [order, setOrder] = useState<TypeGroup[]>(() => [...(initial.typeOrder ?? []), ...TYPE_GROUPS.filter((g) => !(initial.typeOrder ?? []).includes(g))]);
  const [showUnfinished, setShowUnfinished] = useState<boolean | undefined>(initial.showUnfinished);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    callResolver<Array<{ id: string; key: string; name: string }>>(MACRO_KEYS.projects, {}).then(setProjects, setError);
  }, []);
  useEffect(() => {
    setVersions(undefined);
    if (!projectKey) return;
    callResolver<Array<{ id: string; name: string; released: boolean }>>(MACRO_KEYS.versions, { projectKey }).then(setVersions, setError);
  }, [projectKey]);

  const move = (index: number, delta: number) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    setOrder(next);
  };
  const candidate = { projectKey, versionId, audience, grouping, typeOrder: order, ...(showUnfinished !== undefined && { showUnfinished }) };
  const valid = macroConfigSchema.safeParse(candidate).success;

  return (
    <form
      className="macro"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        view.submit({ config: candidate }).catch(setError);
      }}
    >
      <h2>Preflight macro settings</h2>
      {error !== undefined && <ErrorNote error={error} />}
      <label htmlFor="macro-project">Project</label>
      <select id="macro-project" value={projectKey} onChange={(e) => { setProjectKey(e.target.value); setVersionId(''); }} disabled={!projects}>
        <option value="">{projects ? 'Choose a project' : 'Loading projects…'}</option>
        {projects?.map((p) => (
          <option key={p.id} value={p.key}>
            {p.name} ({p.key})
          </option>
        ))}
      </select>
      <label htmlFor="macro-version">Version</label>
      <select id="macro-version" value={versionId} onChange={(e) => setVersionId(e.target.value)} disabled={!versions}>
        <option value="">{projectKey ? (versions ? 'Choose a version' : 'Loading versions…') : 'Choose a project first'}</option>
        {versions?.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.released ? ' (released)' : ''}
          </option>
        ))}
      </select>
      {showNotesOptions && (
        <>
          <label htmlFor="macro-audience">Audience</label>
          <select id="macro-audience" value={audience} onChange={(e) => setAudience(e.target.value as Audience)}>
            <option value="customer">Customer-facing (leaves out internal issues)</option>
            <option value="internal">Internal (everything)</option>
          </select>
          <label htmlFor="macro-grouping">Group by</label>
          <select id="macro-grouping" value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            {(Object.keys(GROUPING_LABELS) as Grouping[]).map((g) => (
              <option key={g} value={g}>
                {GROUPING_LABELS[g]}
              </option>
            ))}
          </select>
          <Checkbox
            name="macro-show-unfinished"
            label="Show unfinished issues (Not yet shipped)"
            isChecked={showUnfinished ?? audience === 'internal'}
            onChange={(e) => setShowUnfinished(e.target.checked)}
          />
          <p className="muted">Listed in their own section, never counted as changes.</p>
          {grouping === 'type' && (
            <>
              <label id="macro-order">Order of the type groups</label>
              <ol aria-labelledby="macro-order">
                {order.map((g, i) => (
                  <li key={g}>
                    {TYPE_GROUP_TITLES[g]}{' '}
                    <button type="button" aria-label={`Move ${TYPE_GROUP_TITLES[g]} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                      ↑
                    </button>{' '}
                    <button type="button" aria-label={`Move ${TYPE_GROUP_TITLES[g]} down`} disabled={i === order.length - 1} onClick={() => move(i, 1)}>
                      ↓
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
      <ConfigActions canSave={valid} />
    </form>
  );
}
