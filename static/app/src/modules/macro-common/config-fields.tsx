import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { view } from '@forge/bridge';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { ErrorNote } from './error-note';

export interface Choice<V extends string | number = string> {
  value: V;
  label: string;
}

/**
 * A macro's configuration view: its heading, an error line, the fields, then Save and Cancel.
 * Saving goes through `view.submit({ config })` in the caller's `onSave`; Forge stores only what
 * is under `config` and refuses a payload without it.
 */
export function ConfigForm({ heading, error, canSave, onSave, children }: { heading: string; error: unknown; canSave: boolean; onSave: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <form
      className="macro"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (canSave) onSave();
      }}
    >
      <Stack space="space.150">
        <Heading size="medium" as="h2">
          {heading}
        </Heading>
        {error !== undefined && <ErrorNote error={error} />}
        {children}
        <div className="toolbar">
          <Button type="submit" appearance="primary" isDisabled={!canSave}>
            {t('macros.config.save')}
          </Button>
          <Button onClick={() => void view.close()}>{t('macros.config.cancel')}</Button>
        </div>
      </Stack>
    </form>
  );
}

/** A labelled @atlaskit/select: type to filter, arrows and Enter to choose (keyboard first). */
export function ChoiceField<V extends string | number>({
  id,
  label,
  choices,
  value,
  onChange,
  placeholder,
  loading = false,
}: {
  id: string;
  label: string;
  choices: ReadonlyArray<Choice<V>> | undefined;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  placeholder?: string;
  loading?: boolean;
}) {
  const { t } = useT();
  const options = choices ?? [];
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Select<Choice<V>>
        inputId={id}
        options={options}
        value={options.find((c) => c.value === value) ?? null}
        isLoading={loading}
        isDisabled={loading || choices === undefined}
        {...(placeholder !== undefined && { placeholder })}
        noOptionsMessage={() => t('macros.config.noOptions')}
        loadingMessage={() => t('macros.loading')}
        onChange={(choice) => onChange(choice?.value)}
      />
    </div>
  );
}
