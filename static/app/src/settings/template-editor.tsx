import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { ErrorMessage, Fieldset, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useId, useMemo, useState } from 'react';
import { AUTO_CHECKS, PREFLIGHT_ROLES, RELEASE_TYPES, type AutoCheck, type Gate, type PhaseTemplate, type ReleaseTemplate, type ReleaseType } from '../../../../src/domain/template';
import type { UiTranslator } from '../i18n/load-translator';
import { useT } from '../i18n/use-t';
import { gateKindName, releaseTypeName, roleName } from '../lib/labels';
import { idsOf, move, newGate, newPhase, renamedId, toggleValue, type FieldErrors, type NewNames } from './settings-draft';

/** An automatic check's name, as the gate editor offers it. */
export function autoCheckName(t: UiTranslator['t'], check: AutoCheck): string {
  return t(`settings.check.${check}`);
}

type CheckOption = { label: string; value: AutoCheck };
type KindOption = { label: string; value: Gate['kind'] };

const cardStyle = xcss({ borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.150' });
const previewStyle = xcss({ backgroundColor: 'color.background.neutral.subtle', borderRadius: 'radius.medium', padding: 'space.150' });

interface EditorProps {
  template: ReleaseTemplate;
  /** The template as last saved: its ids stay when a name changes; new ones follow their name. */
  saved: ReleaseTemplate;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (template: ReleaseTemplate) => void;
}

interface Shared {
  errors: FieldErrors;
  disabled: boolean;
  showIds: boolean;
  savedIds: ReadonlySet<string>;
  allPhases: PhaseTemplate[];
  names: NewNames;
}

/** The phases, gates and checklist items of each release type, with a read-only preview of what it produces. */
export function TemplateEditor({ template, saved, errors, disabled, onChange }: EditorProps) {
  const translator = useT();
  const { t } = translator;
  const [type, setType] = useState<ReleaseType>('major');
  const [showIds, setShowIds] = useState(false);
  const phases = template[type];
  const setPhases = (next: PhaseTemplate[]) => onChange({ ...template, [type]: next });
  const base = `template.${type}`;
  const typeHasErrors = (rt: ReleaseType) => Object.keys(errors).some((k) => k.startsWith(`template.${rt}`));
  const savedIds = useMemo(() => idsOf(saved[type]), [saved, type]);
  const names: NewNames = {
    checklistItem: t('settings.gate.new.manual'),
    signoff: t('settings.gate.new.signoff'),
    autoCheck: autoCheckName(t, 'all-issues-done'),
    phase: t('settings.phase.new'),
  };
  // An error on a hidden id field shows the ids, so it can be read and fixed.
  const idError = Object.keys(errors).some((k) => k.startsWith(base) && k.endsWith('.id'));
  const shared: Shared = { errors, disabled, showIds: showIds || idError, savedIds, allPhases: phases, names };

  return (
    <Stack space="space.200">
      <Inline space="space.100" role="group" aria-label={t('settings.template.typeGroup')}>
        {RELEASE_TYPES.map((rt) => (
          <Button key={rt} isSelected={rt === type} onClick={() => setType(rt)} aria-pressed={rt === type}>
            {typeHasErrors(rt) ? t('settings.template.typeHasErrors', { type: releaseTypeName(translator, rt) }) : releaseTypeName(translator, rt)}
          </Button>
        ))}
      </Inline>
      <Checkbox label={t('settings.template.showIds')} isChecked={shared.showIds} isDisabled={idError} onChange={(e) => setShowIds(e.currentTarget.checked)} />
      {shared.showIds && <Text color="color.text.subtle">{t('settings.template.idsHelp')}</Text>}
      <TemplatePreview type={type} phases={phases} />
      {errors[base] && <ErrorMessage>{errors[base]}</ErrorMessage>}
      {phases.map((phase, p) => (
        <PhaseEditor
          key={`${type}-${p}`}
          phase={phase}
          path={`${base}.${p}`}
          shared={shared}
          isFirst={p === 0}
          isLast={p === phases.length - 1}
          onChange={(next) => setPhases(phases.map((x, i) => (i === p ? next : x)))}
          onMove={(delta) => setPhases(move(phases, p, delta))}
          onRemove={() => setPhases(phases.filter((_, i) => i !== p))}
        />
      ))}
      <Inline>
        <Button isDisabled={disabled} onClick={() => setPhases([...phases, newPhase(phases, names)])}>
          {t('settings.template.addPhase', { type: releaseTypeName(translator, type) })}
        </Button>
      </Inline>
    </Stack>
  );
}

/** What a release of this type goes through: its phases in order with their exit gates, read-only, as edited. */
function TemplatePreview({ type, phases }: { type: ReleaseType; phases: PhaseTemplate[] }) {
  const translator = useT();
  const { t } = translator;
  const headingId = useId();
  return (
    <Box xcss={previewStyle} testId="template-preview">
      <Stack space="space.100">
        <Heading size="xsmall" as="h3" id={headingId}>
          {t('settings.preview.heading', { type: releaseTypeName(translator, type) })}
        </Heading>
        <ol aria-labelledby={headingId}>
          {phases.map((phase, p) => (
            <li key={p}>
              <Text weight="medium">{phase.name}</Text>
              {phase.gates.length === 0 ? (
                <Text color="color.text.subtlest">{t('settings.preview.noGates')}</Text>
              ) : (
                <ul>
                  {phase.gates.map((gate, g) => (
                    <li key={g}>{t('settings.preview.gate', { name: gate.name, kind: gateKindName(translator, gate.kind) })}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </Stack>
    </Box>
  );
}

interface PhaseProps {
  phase: PhaseTemplate;
  path: string;
  shared: Shared;
  isFirst: boolean;
  isLast: boolean;
  onChange: (phase: PhaseTemplate) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

function PhaseEditor({ phase, path, shared, isFirst, isLast, onChange, onMove, onRemove }: PhaseProps) {
  const translator = useT();
  const { t } = translator;
  const { errors, disabled, showIds, savedIds, allPhases, names } = shared;
  const setGates = (gates: Gate[]) => onChange({ ...phase, gates });
  const [addKind, setAddKind] = useState<Gate['kind']>('manual');
  const headingId = useId();
  const kindOptions: KindOption[] = (['manual', 'signoff', 'auto'] as const).map((value) => ({ value, label: gateKindName(translator, value) }));
  const gatesWith = (gates: Gate[]) => allPhases.map((x) => (x === phase ? { ...phase, gates } : x));
  return (
    // The card is a group named by its heading, so "Move up" and "Remove phase" are heard with their phase.
    <Box xcss={cardStyle} role="group" aria-labelledby={headingId}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <TextInput
            label={t('settings.phase.name')}
            id={`${path}.name`}
            width={300}
            value={phase.name}
            error={errors[`${path}.name`]}
            disabled={disabled}
            onChange={(name) => onChange({ ...phase, name, id: renamedId(allPhases, phase.id, name, savedIds) })}
          />
          {showIds && <TextInput label={t('settings.phase.id')} id={`${path}.id`} value={phase.id} error={errors[`${path}.id`]} disabled={disabled} onChange={(id) => onChange({ ...phase, id })} />}
          <Button spacing="compact" isDisabled={disabled || isFirst} onClick={() => onMove(-1)}>
            {t('settings.phase.moveUp')}
          </Button>
          <Button spacing="compact" isDisabled={disabled || isLast} onClick={() => onMove(1)}>
            {t('settings.phase.moveDown')}
          </Button>
          <Button spacing="compact" appearance="subtle" isDisabled={disabled} onClick={onRemove}>
            {t('settings.phase.remove')}
          </Button>
        </Inline>
        <Heading size="xsmall" as="h3" id={headingId}>
          {phase.name ? t('settings.phase.gatesHeading', { phase: phase.name }) : t('settings.phase.gatesHeadingUnnamed')}
        </Heading>
        {errors[`${path}.gates`] && <ErrorMessage>{errors[`${path}.gates`]}</ErrorMessage>}
        {phase.gates.length === 0 && <Text color="color.text.subtlest">{t('settings.phase.noGates')}</Text>}
        {phase.gates.map((gate, g) => (
          <GateEditor
            key={g}
            gate={gate}
            path={`${path}.gates.${g}`}
            shared={shared}
            onChange={(next) => {
              const gates = phase.gates.map((x, i) => (i === g ? next : x));
              // A new gate's id follows its name, unique across the release type's phases.
              const renamed = next.name !== gate.name ? { ...next, id: renamedId(gatesWith(gates), gate.id, next.name, savedIds) } : next;
              setGates(phase.gates.map((x, i) => (i === g ? renamed : x)));
            }}
            onRemove={() => setGates(phase.gates.filter((_, i) => i !== g))}
          />
        ))}
        <Inline space="space.100" alignBlock="end">
          <Stack space="space.050">
            <Label htmlFor={`${path}.add-kind`}>{t('settings.phase.kindToAdd')}</Label>
            <div style={{ minWidth: 180 }}>
              <Select<KindOption>
                inputId={`${path}.add-kind`}
                options={kindOptions}
                value={kindOptions.find((o) => o.value === addKind)}
                isDisabled={disabled}
                isSearchable={false}
                onChange={(o) => o && setAddKind(o.value)}
              />
            </div>
          </Stack>
          <Button spacing="compact" isDisabled={disabled} onClick={() => setGates([...phase.gates, newGate(allPhases, addKind, names)])}>
            {t('settings.phase.addGate')}
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}

function GateEditor({ gate, path, shared, onChange, onRemove }: { gate: Gate; path: string; shared: Shared; onChange: (g: Gate) => void; onRemove: () => void }) {
  const translator = useT();
  const { t } = translator;
  const { errors, disabled, showIds } = shared;
  const checkOptions: CheckOption[] = AUTO_CHECKS.map((value) => ({ value, label: autoCheckName(t, value) }));
  return (
    <Box xcss={cardStyle} role="group" aria-label={gate.name || gateKindName(translator, gate.kind)}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <Text weight="medium">{gateKindName(translator, gate.kind)}</Text>
          <TextInput label={t('settings.gate.name')} id={`${path}.name`} width={360} value={gate.name} error={errors[`${path}.name`]} disabled={disabled} onChange={(name) => onChange({ ...gate, name })} />
          {showIds && <TextInput label={t('settings.gate.id')} id={`${path}.id`} value={gate.id} error={errors[`${path}.id`]} disabled={disabled} onChange={(id) => onChange({ ...gate, id })} />}
          <Button spacing="compact" appearance="subtle" isDisabled={disabled} onClick={onRemove}>
            {t('settings.gate.remove')}
          </Button>
        </Inline>
        {gate.kind === 'manual' && (
          <Checkbox label={t('settings.gate.needsLink')} isChecked={gate.requiresLink} isDisabled={disabled} onChange={(e) => onChange({ ...gate, requiresLink: e.currentTarget.checked })} />
        )}
        {gate.kind === 'auto' && (
          <Stack space="space.050">
            <Label htmlFor={`${path}.check`}>{t('settings.gate.computedFrom')}</Label>
            <div style={{ maxWidth: 360 }}>
              <Select<CheckOption>
                inputId={`${path}.check`}
                options={checkOptions}
                value={checkOptions.find((o) => o.value === gate.check)}
                isDisabled={disabled}
                onChange={(o) => o && onChange({ ...gate, check: o.value })}
              />
            </div>
          </Stack>
        )}
        {gate.kind === 'signoff' && (
          <Fieldset legend={<Legend>{t('settings.gate.signedBy')}</Legend>}>
            <Inline space="space.200" shouldWrap>
              {PREFLIGHT_ROLES.map((role) => (
                <Checkbox
                  key={role}
                  label={roleName(translator, role)}
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
