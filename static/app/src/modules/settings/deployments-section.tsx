import Button from '@atlaskit/button/new';
import { ErrorMessage, Fieldset, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useMemo, useState } from 'react';
import {
  ENVIRONMENT_KINDS,
  environmentKindOf,
  versionForTag,
  type EnvironmentKind,
  type EnvironmentMapping,
  type TagRule,
} from '../../../../../src/domain/deployments';
import type { UiTranslator } from '../../i18n/load-translator';
import { useT } from '../../i18n/use-t';
import type { FieldErrors } from '../../settings/settings-draft';

/**
 * Environments and deployments (issue 13): which kind each environment name CI reports counts as
 * (UAT, SIT, qa1 …), and the rules that turn a pipeline's tag into the Jira version's name, with
 * a preview. Part of the settings form: it edits the draft, the page saves it.
 */

type KindOption = { label: string; value: EnvironmentKind };

/** An environment kind ("Testing") in the person's language. */
export function environmentKindName(t: UiTranslator, kind: EnvironmentKind): string {
  return t.t(`settings.deployments.kind.${kind}`);
}

/** The tag placeholders, written literally in the texts ("{major}"): values, so ICU does not read them as its own. */
const TAG_PARTS = { major: '{major}', minor: '{minor}', patch: '{patch}', build: '{build}' };
/** Example patterns shown in empty fields: the same in every language. */
const TAG_EXAMPLE = 'v{major}.{minor}.{patch}';
const VERSION_EXAMPLE = 'PAY {major}.{minor}';

interface Row {
  key: number;
  name: string;
  kind: EnvironmentKind;
}

let nextKey = 0;
const rowsOf = (mapping: EnvironmentMapping | undefined): Row[] => Object.entries(mapping ?? {}).map(([name, kind]) => ({ key: nextKey++, name, kind }));
/** Rows to the stored mapping; a blank name is left out until it is typed. */
const mappingOf = (rows: Row[]): EnvironmentMapping => Object.fromEntries(rows.filter((r) => r.name.trim() !== '').map((r) => [r.name.trim(), r.kind]));

export interface DeploymentsSectionProps {
  environments: EnvironmentMapping | undefined;
  tagRules: TagRule[] | undefined;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (patch: { environments?: EnvironmentMapping; tagRules?: TagRule[] }) => void;
}

export function DeploymentsSection({ environments, tagRules, errors, disabled, onChange }: DeploymentsSectionProps) {
  const translator = useT();
  const { t } = translator;
  const kindOptions = useMemo<KindOption[]>(() => ENVIRONMENT_KINDS.map((value) => ({ value, label: environmentKindName(translator, value) })), [translator]);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(environments));
  const [sample, setSample] = useState('v2.2.0');
  const [tryName, setTryName] = useState('UAT');
  const rules = tagRules ?? [];

  const editRows = (next: Row[]) => {
    setRows(next);
    onChange({ environments: mappingOf(next) });
  };
  const editRules = (next: TagRule[]) => onChange({ tagRules: next });
  const envErrors = Object.entries(errors).filter(([field]) => field === 'environments' || field.startsWith('environments.'));
  const preview = versionForTag(sample, rules.filter((r) => r.tag.trim() !== '' && r.version.trim() !== ''));
  const guessed = tryName.trim() === '' ? undefined : environmentKindOf(tryName, mappingOf(rows));

  return (
    <Stack space="space.200" testId="deployments-settings">
      <Heading size="medium">{t('settings.deployments.heading')}</Heading>
      <Text color="color.text.subtle">
        {t('settings.deployments.intro', {
          production: environmentKindName(translator, 'production'),
          staging: environmentKindName(translator, 'staging'),
          testing: environmentKindName(translator, 'testing'),
          development: environmentKindName(translator, 'development'),
        })}
      </Text>
      <Fieldset legend={<Legend>{t('settings.deployments.names.legend')}</Legend>}>
        <Stack space="space.100">
          {rows.map((row, index) => (
            <Inline key={row.key} space="space.100" alignBlock="center">
              <Textfield
                aria-label={t('settings.deployments.names.name', { n: index + 1 })}
                value={row.name}
                width={200}
                isDisabled={disabled}
                placeholder={t('settings.deployments.names.placeholder')}
                onChange={(e) => editRows(rows.map((r) => (r.key === row.key ? { ...r, name: e.currentTarget.value } : r)))}
              />
              <Select<KindOption>
                aria-label={t('settings.deployments.names.kind', { n: index + 1 })}
                options={kindOptions}
                value={kindOptions.find((o) => o.value === row.kind)}
                isDisabled={disabled}
                onChange={(o) => o && editRows(rows.map((r) => (r.key === row.key ? { ...r, kind: o.value } : r)))}
                styles={{ container: (base) => ({ ...base, minWidth: 160 }) }}
              />
              <Button appearance="subtle" isDisabled={disabled} onClick={() => editRows(rows.filter((r) => r.key !== row.key))}>
                {t('settings.deployments.remove')}
              </Button>
            </Inline>
          ))}
          {rows.length === 0 && <Text color="color.text.subtlest">{t('settings.deployments.names.none')}</Text>}
          <Inline>
            <Button isDisabled={disabled || rows.length >= 30} onClick={() => editRows([...rows, { key: nextKey++, name: '', kind: 'testing' }])}>
              {t('settings.deployments.names.add')}
            </Button>
          </Inline>
          {envErrors.map(([field, message]) => (
            <ErrorMessage key={field}>{message}</ErrorMessage>
          ))}
          <Inline space="space.100" alignBlock="center">
            <Label htmlFor="environment-try">{t('settings.deployments.names.try')}</Label>
            <Textfield id="environment-try" value={tryName} width={160} onChange={(e) => setTryName(e.currentTarget.value)} />
            <Text testId="environment-preview">
              {guessed ? t(`settings.deployments.names.preview.${guessed.source}`, { name: tryName.trim(), kind: environmentKindName(translator, guessed.kind) }) : ''}
            </Text>
          </Inline>
        </Stack>
      </Fieldset>
      <Fieldset legend={<Legend>{t('settings.deployments.tags.legend')}</Legend>}>
        <Stack space="space.100">
          <Text color="color.text.subtle">{t('settings.deployments.tags.intro', TAG_PARTS)}</Text>
          {rules.map((rule, index) => (
            <Stack key={index} space="space.050">
              <Inline space="space.100" alignBlock="center">
                <Textfield
                  aria-label={t('settings.deployments.tags.pattern', { n: index + 1 })}
                  value={rule.tag}
                  width={220}
                  isDisabled={disabled}
                  placeholder={t('settings.deployments.tags.example', { example: TAG_EXAMPLE })}
                  onChange={(e) => editRules(rules.map((r, i) => (i === index ? { ...r, tag: e.currentTarget.value } : r)))}
                />
                <Text>→</Text>
                <Textfield
                  aria-label={t('settings.deployments.tags.version', { n: index + 1 })}
                  value={rule.version}
                  width={220}
                  isDisabled={disabled}
                  placeholder={t('settings.deployments.tags.example', { example: VERSION_EXAMPLE })}
                  onChange={(e) => editRules(rules.map((r, i) => (i === index ? { ...r, version: e.currentTarget.value } : r)))}
                />
                <Button appearance="subtle" isDisabled={disabled} onClick={() => editRules(rules.filter((_, i) => i !== index))}>
                  {t('settings.deployments.remove')}
                </Button>
              </Inline>
              {errors[`tagRules.${index}.tag`] && <ErrorMessage>{t('settings.deployments.tags.patternError', { error: errors[`tagRules.${index}.tag`] })}</ErrorMessage>}
              {errors[`tagRules.${index}.version`] && <ErrorMessage>{t('settings.deployments.tags.versionError', { error: errors[`tagRules.${index}.version`] })}</ErrorMessage>}
            </Stack>
          ))}
          {errors.tagRules && <ErrorMessage>{errors.tagRules}</ErrorMessage>}
          <Inline>
            <Button isDisabled={disabled || rules.length >= 5} onClick={() => editRules([...rules, { tag: TAG_EXAMPLE, version: '' }])}>
              {t('settings.deployments.tags.add')}
            </Button>
          </Inline>
          <Inline space="space.100" alignBlock="center">
            <Label htmlFor="tag-try">{t('settings.deployments.tags.try')}</Label>
            <Textfield id="tag-try" value={sample} width={160} onChange={(e) => setSample(e.currentTarget.value)} />
            <Text testId="tag-preview">
              {sample.trim() === ''
                ? ''
                : preview
                  ? t('settings.deployments.tags.preview', { tag: sample.trim(), version: preview.name })
                  : t('settings.deployments.tags.noRule', { tag: sample.trim() })}
            </Text>
          </Inline>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
