import Button from '@atlaskit/button/new';
import { ErrorMessage, Fieldset, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import {
  ENVIRONMENT_KIND_LABELS,
  ENVIRONMENT_KINDS,
  environmentKindOf,
  versionForTag,
  type EnvironmentKind,
  type EnvironmentMapping,
  type TagRule,
} from '../../../../../src/domain/deployments';
import type { FieldErrors } from '../../settings/settings-draft';

/**
 * Environments and deployments (issue 13): which kind each environment name CI reports counts as
 * (UAT, SIT, qa1 …), and the rules that turn a pipeline's tag into the Jira version's name, with
 * a preview. Part of the settings form: it edits the draft, the page saves it.
 */

type KindOption = { label: string; value: EnvironmentKind };
const KIND_OPTIONS: KindOption[] = ENVIRONMENT_KINDS.map((value) => ({ value, label: ENVIRONMENT_KIND_LABELS[value] }));

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
      <Heading size="medium">Environments and deployments</Heading>
      <Text color="color.text.subtle">
        CI reports deployments per environment (README “CI/CD gate”). Names nobody maps here are guessed from their words: prod, live → Production; staging, preprod → Staging;
        test, qa, UAT, SIT → Testing; dev → Development; anything else counts as Development. Only a successful production deployment of the build under test opens the Deployment gate.
      </Text>
      <Fieldset legend={<Legend>Environment names</Legend>}>
        <Stack space="space.100">
          {rows.map((row, index) => (
            <Inline key={row.key} space="space.100" alignBlock="center">
              <Textfield
                aria-label={`Environment name ${index + 1}`}
                value={row.name}
                width={200}
                isDisabled={disabled}
                placeholder="e.g. UAT"
                onChange={(e) => editRows(rows.map((r) => (r.key === row.key ? { ...r, name: e.currentTarget.value } : r)))}
              />
              <Select<KindOption>
                aria-label={`Kind of environment ${index + 1}`}
                options={KIND_OPTIONS}
                value={KIND_OPTIONS.find((o) => o.value === row.kind)}
                isDisabled={disabled}
                onChange={(o) => o && editRows(rows.map((r) => (r.key === row.key ? { ...r, kind: o.value } : r)))}
                styles={{ container: (base) => ({ ...base, minWidth: 160 }) }}
              />
              <Button appearance="subtle" isDisabled={disabled} onClick={() => editRows(rows.filter((r) => r.key !== row.key))}>
                Remove
              </Button>
            </Inline>
          ))}
          {rows.length === 0 && <Text color="color.text.subtlest">No names mapped: every name is guessed.</Text>}
          <Inline>
            <Button isDisabled={disabled || rows.length >= 30} onClick={() => editRows([...rows, { key: nextKey++, name: '', kind: 'testing' }])}>
              Map an environment name
            </Button>
          </Inline>
          {envErrors.map(([field, message]) => (
            <ErrorMessage key={field}>{message}</ErrorMessage>
          ))}
          <Inline space="space.100" alignBlock="center">
            <Label htmlFor="environment-try">Try a name</Label>
            <Textfield id="environment-try" value={tryName} width={160} onChange={(e) => setTryName(e.currentTarget.value)} />
            <Text testId="environment-preview">{guessed ? `${tryName.trim()} → ${ENVIRONMENT_KIND_LABELS[guessed.kind]}${guessed.source === 'mapping' ? ' (mapped)' : guessed.source === 'guess' ? ' (guessed)' : ' (not recognised)'}` : ''}</Text>
          </Inline>
        </Stack>
      </Fieldset>
      <Fieldset legend={<Legend>Tags to Jira versions</Legend>}>
        <Stack space="space.100">
          <Text color="color.text.subtle">
            Pipelines know tags, not Jira names. Write the tag with {'{major}'}, {'{minor}'}, {'{patch}'} or {'{build}'} where its numbers are, and the version name they make. The first rule that
            fits wins; a version named exactly like the tag needs no rule.
          </Text>
          {rules.map((rule, index) => (
            <Stack key={index} space="space.050">
              <Inline space="space.100" alignBlock="center">
                <Textfield
                  aria-label={`Tag pattern ${index + 1}`}
                  value={rule.tag}
                  width={220}
                  isDisabled={disabled}
                  placeholder="v{major}.{minor}.{patch}"
                  onChange={(e) => editRules(rules.map((r, i) => (i === index ? { ...r, tag: e.currentTarget.value } : r)))}
                />
                <Text>→</Text>
                <Textfield
                  aria-label={`Jira version name ${index + 1}`}
                  value={rule.version}
                  width={220}
                  isDisabled={disabled}
                  placeholder="PAY {major}.{minor}"
                  onChange={(e) => editRules(rules.map((r, i) => (i === index ? { ...r, version: e.currentTarget.value } : r)))}
                />
                <Button appearance="subtle" isDisabled={disabled} onClick={() => editRules(rules.filter((_, i) => i !== index))}>
                  Remove
                </Button>
              </Inline>
              {errors[`tagRules.${index}.tag`] && <ErrorMessage>{`Tag pattern: ${errors[`tagRules.${index}.tag`]}`}</ErrorMessage>}
              {errors[`tagRules.${index}.version`] && <ErrorMessage>{`Version name: ${errors[`tagRules.${index}.version`]}`}</ErrorMessage>}
            </Stack>
          ))}
          {errors.tagRules && <ErrorMessage>{errors.tagRules}</ErrorMessage>}
          <Inline>
            <Button isDisabled={disabled || rules.length >= 5} onClick={() => editRules([...rules, { tag: 'v{major}.{minor}.{patch}', version: '' }])}>
              Add a tag rule
            </Button>
          </Inline>
          <Inline space="space.100" alignBlock="center">
            <Label htmlFor="tag-try">Try a tag</Label>
            <Textfield id="tag-try" value={sample} width={160} onChange={(e) => setSample(e.currentTarget.value)} />
            <Text testId="tag-preview">{sample.trim() === '' ? '' : preview ? `${sample.trim()} → ${preview.name}` : `${sample.trim()} → no rule fits (used as the version name as it is)`}</Text>
          </Inline>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
