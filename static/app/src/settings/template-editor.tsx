import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { ErrorMessage, Fieldset, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { AUTO_CHECKS, PREFLIGHT_ROLES, RELEASE_TYPES, type AutoCheck, type Gate, type PhaseTemplate, type ReleaseTemplate, type ReleaseType } from '../../../../src/domain/template';
import { GATE_KIND_NAMES, RELEASE_TYPE_NAMES, ROLE_NAMES } from '../lib/labels';
import { move, newGate, newPhase, toggleValue, type FieldErrors } from './settings-draft';

const AUTO_CHECK_NAMES: Record<AutoCheck, string> = {
  'version-has-issues': 'Version has issues',
  'release-date-in-future': 'Release date set and in the future',
  'all-issues-done': 'Every issue is done',
  'no-open-blockers': 'No open blocker bugs',
  'qa-approved-current-build': 'QA approved the current build',
  'scope-changes-resolved': 'Scope changes resolved',
  'release-notes-published': 'Release notes published',
  'version-released': 'Jira version released',
  'retrospective-published': 'Retrospective published',
  'deployed-to-production': 'Build under test deployed to production',
  'no-open-severe-incident': 'No open incident of severity 1-2',
  'bedding-in-clean': 'Bedding-in period passed without an incident',
};

type CheckOption = { label: string; value: AutoCheck };
const CHECK_OPTIONS: CheckOption[] = AUTO_CHECKS.map((value) => ({ value, label: AUTO_CHECK_NAMES[value] }));

type KindOption = { label: string; value: Gate['kind'] };
const KIND_OPTIONS: KindOption[] = (['manual', 'signoff', 'auto'] as const).map((value) => ({ value, label: GATE_KIND_NAMES[value] }));

const cardStyle = xcss({ borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.150' });

interface EditorProps {
  template: ReleaseTemplate;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (template: ReleaseTemplate) => void;
}

/** The phases, gates and checklist items of each release type. */
export function TemplateEditor({ template, errors, disabled, onChange }: EditorProps) {
  const [type, setType] = useState<ReleaseType>('major');
  const phases = template[type];
  const setPhases = (next: PhaseTemplate[]) => onChange({ ...template, [type]: next });
  const base = `template.${type}`;
  const typeHasErrors = (t: ReleaseType) => Object.keys(errors).some((k) => k.startsWith(`template.${t}`));

  return (
    <Stack space="space.200">
      <Inline space="space.100" role="group" aria-label="Release type">
        {RELEASE_TYPES.map((t) => (
          <Button key={t} isSelected={t === type} onClick={() => setType(t)} aria-pressed={t === type}>
            {`${RELEASE_TYPE_NAMES[t]}${typeHasErrors(t) ? ' (has errors)' : ''}`}
          </Button>
        ))}
      </Inline>
      {errors[base] && <ErrorMessage>{errors[base]}</ErrorMessage>}
      {phases.map((phase, p) => (
        <PhaseEditor
          key={`${type}-${p}`}
          phase={phase}
          path={`${base}.${p}`}
          errors={errors}
          disabled={disabled}
          isFirst={p === 0}
          isLast={p === phases.length - 1}
          allPhases={phases}
          onChange={(next) => setPhases(phases.map((x, i) => (i === p ? next : x)))}
          onMove={(delta) => setPhases(move(phases, p, delta))}
          onRemove={() => setPhases(phases.filter((_, i) => i !== p))}
        />
      ))}
      <Inline>
        <Button isDisabled={disabled} onClick={() => setPhases([...phases, newPhase(phases)])}>
          {`Add a phase to ${RELEASE_TYPE_NAMES[type].toLowerCase()} releases`}
        </Button>
      </Inline>
    </Stack>
  );
}

interface PhaseProps {
  phase: PhaseTemplate;
  path: string;
  errors: FieldErrors;
  disabled: boolean;
  isFirst: boolean;
  isLast: boolean;
  allPhases: PhaseTemplate[];
  onChange: (phase: PhaseTemplate) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

function PhaseEditor({ phase, path, errors, disabled, isFirst, isLast, allPhases, onChange, onMove, onRemove }: PhaseProps) {
  const setGates = (gates: Gate[]) => onChange({ ...phase, gates });
  const [addKind, setAddKind] = useState<Gate['kind']>('manual');
  return (
    <Box xcss={cardStyle}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <TextInput label="Phase name" id={`${path}.name`} width={300} value={phase.name} error={errors[`${path}.name`]} disabled={disabled} onChange={(name) => onChange({ ...phase, name })} />
          <TextInput label="Phase id" id={`${path}.id`} value={phase.id} error={errors[`${path}.id`]} disabled={disabled} onChange={(id) => onChange({ ...phase, id })} />
          <Button spacing="compact" isDisabled={disabled || isFirst} onClick={() => onMove(-1)} aria-label={`Move ${phase.name} up`}>
            Move up
          </Button>
          <Button spacing="compact" isDisabled={disabled || isLast} onClick={() => onMove(1)} aria-label={`Move ${phase.name} down`}>
            Move down
          </Button>
          <Button spacing="compact" appearance="subtle" isDisabled={disabled} onClick={onRemove} aria-label={`Remove phase ${phase.name}`}>
            Remove phase
          </Button>
        </Inline>
        <Heading size="xsmall">{`Exit gates of ${phase.name || 'this phase'}`}</Heading>
        {errors[`${path}.gates`] && <ErrorMessage>{errors[`${path}.gates`]}</ErrorMessage>}
        {phase.gates.length === 0 && <Text color="color.text.subtlest">No gates: this phase can always be left.</Text>}
        {phase.gates.map((gate, g) => (
          <GateEditor
            key={g}
            gate={gate}
            path={`${path}.gates.${g}`}
            errors={errors}
            disabled={disabled}
            onChange={(next) => setGates(phase.gates.map((x, i) => (i === g ? next : x)))}
            onRemove={() => setGates(phase.gates.filter((_, i) => i !== g))}
          />
        ))}
        <Inline space="space.100" alignBlock="center">
          <div style={{ minWidth: 180 }}>
            <Select<KindOption>
              aria-label={`Kind of gate to add to ${phase.name}`}
              options={KIND_OPTIONS}
              value={KIND_OPTIONS.find((o) => o.value === addKind)}
              isDisabled={disabled}
              isSearchable={false}
              onChange={(o) => o && setAddKind(o.value)}
            />
          </div>
          <Button spacing="compact" isDisabled={disabled} onClick={() => setGates([...phase.gates, newGate(allPhases, addKind)])}>
            Add gate
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}

function GateEditor({ gate, path, errors, disabled, onChange, onRemove }: { gate: Gate; path: string; errors: FieldErrors; disabled: boolean; onChange: (g: Gate) => void; onRemove: () => void }) {
  return (
    <Box xcss={cardStyle}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <Text weight="medium">{GATE_KIND_NAMES[gate.kind]}</Text>
          <TextInput label="Gate name" id={`${path}.name`} width={360} value={gate.name} error={errors[`${path}.name`]} disabled={disabled} onChange={(name) => onChange({ ...gate, name })} />
          <TextInput label="Gate id" id={`${path}.id`} value={gate.id} error={errors[`${path}.id`]} disabled={disabled} onChange={(id) => onChange({ ...gate, id })} />
          <Button spacing="compact" appearance="subtle" isDisabled={disabled} onClick={onRemove} aria-label={`Remove gate ${gate.name}`}>
            Remove
          </Button>
        </Inline>
        {gate.kind === 'manual' && (
          <Checkbox
            label="Needs a link (e.g. the rollback plan)"
            isChecked={gate.requiresLink}
            isDisabled={disabled}
            onChange={(e) => onChange({ ...gate, requiresLink: e.currentTarget.checked })}
          />
        )}
        {gate.kind === 'auto' && (
          <Stack space="space.050">
            <Label htmlFor={`${path}.check`}>Computed from</Label>
            <div style={{ maxWidth: 360 }}>
              <Select<CheckOption>
              inputId={`${path}.check`}
              options={CHECK_OPTIONS}
              value={CHECK_OPTIONS.find((o) => o.value === gate.check)}
              isDisabled={disabled}
              onChange={(o) => o && onChange({ ...gate, check: o.value })}
              />
            </div>
          </Stack>
        )}
        {gate.kind === 'signoff' && (
          <Fieldset legend={<Legend>Signed by</Legend>}>
            <Inline space="space.200" shouldWrap>
              {PREFLIGHT_ROLES.map((role) => (
                <Checkbox
                  key={role}
                  label={ROLE_NAMES[role]}
                  isChecked={gate.roles.includes(role)}
                  isDisabled={disabled}
                  onChange={(e) => onChange({ ...gate, roles: toggleValue(gate.roles, role, e.currentTarget.checked) })}
                />
              ))}
            </Inline>
            {errors[`${path}.roles`] && <ErrorMessage>{errors[`${path}.roles`]}</ErrorMessage>}
          </Fieldset>
        )}
      </Stack>
    </Box>
  );
}

/** A labelled text field with its error underneath, tied together for screen readers. */
export function TextInput({ label, id, value, error, disabled, onChange, type = 'text', width = 220 }: { label: string; id: string; value: string; error: string | undefined; disabled: boolean; onChange: (value: string) => void; type?: string; width?: number }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Textfield id={id} type={type} value={value} isInvalid={Boolean(error)} isDisabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} width={width} isCompact aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <span id={`${id}-error`}>
          <ErrorMessage>{error}</ErrorMessage>
        </span>
      )}
    </Stack>
  );
}
