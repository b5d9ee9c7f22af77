import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { callResolver } from '../../bridge/call-resolver';
import { useT } from '../../i18n/use-t';
import { ChoiceField, ConfigForm, type Choice } from './config-fields';
import { GROUPINGS, MACRO_KEYS, TYPE_GROUPS, macroConfigSchema, type Audience, type Grouping, type MacroConfigInput, type TypeGroup } from '../../../../../src/shared/macros';

/** Which release macro is being configured: its heading, and whether the notes' options show. */
export type ReleaseMacroKind = 'checklist' | 'release-notes' | 'retrospective';

/**
 * The release macros' configuration: project and version pickers (read through the resolver, as the
 * person), and for release notes the audience, grouping, type order and whether unfinished issues
 * get a "Not yet shipped" section (unset follows the audience: off for customers, on internally;
 * once the person touches it, their choice is saved). Saves with `view.submit({ config })`: Forge
 * stores only what is under `config`, and refuses a payload without it, so the macro would stay
 * unconfigured. Loaded on demand (the page's readers never download @atlaskit/select).
 */
export default function MacroConfigForm({ initial, kind }: { initial: Partial<MacroConfigInput>; kind: ReleaseMacroKind }) {
  const { t } = useT();
  const showNotesOptions = kind === 'release-notes';
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

  const projectChoices: Array<Choice> | undefined = projects?.map((p) => ({ value: p.key, label: t('macros.config.projectOption', { name: p.name, key: p.key }) }));
  const versionChoices: Array<Choice> | undefined = versions?.map((v) => ({ value: v.id, label: v.released ? t('macros.config.versionReleased', { name: v.name }) : v.name }));
  const audienceChoices: Array<Choice<Audience>> = [
    { value: 'customer', label: t('macros.audience.customerLong') },
    { value: 'internal', label: t('macros.audience.internalLong') },
  ];
  const groupingChoices: Array<Choice<Grouping>> = GROUPINGS.map((g) => ({ value: g, label: t(`macros.grouping.${g}`) }));

  return (
    <ConfigForm heading={t(`macros.config.heading.${kind}`)} error={error} canSave={valid} onSave={() => void view.submit({ config: candidate }).catch(setError)}>
      <ChoiceField
        id="macro-project"
        label={t('macros.config.project')}
        choices={projectChoices}
        value={projectKey || undefined}
        loading={!projects && error === undefined}
        placeholder={projects ? t('macros.config.chooseProject') : t('macros.config.loadingProjects')}
        onChange={(key) => {
          setProjectKey(key ?? '');
          setVersionId('');
        }}
      />
      <ChoiceField
        id="macro-version"
        label={t('macros.config.version')}
        choices={versionChoices}
        value={versionId || undefined}
        loading={projectKey !== '' && !versions && error === undefined}
        placeholder={projectKey ? (versions ? t('macros.config.chooseVersion') : t('macros.config.loadingVersions')) : t('macros.config.projectFirst')}
        onChange={(id) => setVersionId(id ?? '')}
      />
      {showNotesOptions && (
        <>
          <ChoiceField id="macro-audience" label={t('macros.config.audience')} choices={audienceChoices} value={audience} onChange={(a) => setAudience(a ?? 'customer')} />
          <ChoiceField id="macro-grouping" label={t('macros.config.grouping')} choices={groupingChoices} value={grouping} onChange={(g) => setGrouping(g ?? 'type')} />
          <div>
            <Checkbox
              name="macro-show-unfinished"
              label={t('macros.config.showUnfinished')}
              isChecked={showUnfinished ?? audience === 'internal'}
              onChange={(e) => setShowUnfinished(e.target.checked)}
            />
            <p className="muted">{t('macros.config.showUnfinishedHint')}</p>
          </div>
          {grouping === 'type' && (
            <div>
              <p id="macro-order" className="field-label">
                {t('macros.config.typeOrder')}
              </p>
              <ol aria-labelledby="macro-order">
                {order.map((g, i) => {
                  const group = t(`macros.typeGroup.${g}`);
                  return (
                    <li key={g}>
                      {group}{' '}
                      <Button spacing="compact" aria-label={t('macros.config.moveUp', { group })} isDisabled={i === 0} onClick={() => move(i, -1)}>
                        {t('macros.config.up')}
                      </Button>{' '}
                      <Button spacing="compact" aria-label={t('macros.config.moveDown', { group })} isDisabled={i === order.length - 1} onClick={() => move(i, 1)}>
                        {t('macros.config.down')}
                      </Button>
                    </li>
                  );
                })}
              </ol>
            </div>
          )}
        </>
      )}
    </ConfigForm>
  );
}
