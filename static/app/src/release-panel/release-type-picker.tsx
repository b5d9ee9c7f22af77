import Select from '@atlaskit/select';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { PANEL_KEYS, RELEASE_TYPE_VALUES, type ReleaseView } from '../../../../src/shared/release-panel';
import { useT } from '../i18n/use-t';
import { releaseTypeName } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import { PanelWhy } from './panel-why';
import type { ReleaseController } from './use-release';

type Option = { label: string; value: ReleaseView['releaseType'] };

/** The release type picks the template; changing it is a write like any other. */
export function ReleaseTypePicker({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const translator = useT();
  const { t } = translator;
  const options: Option[] = RELEASE_TYPE_VALUES.map((value) => ({ value, label: releaseTypeName(translator, value) }));
  const refused = refusalFor(translator, view.me, 'set-type');
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center">
        <Text as="strong" id="release-type-label">
          {t('panel.releaseType.label')}
        </Text>
        <div style={{ minWidth: 160 }}>
          <Select<Option>
            inputId="release-type"
            aria-labelledby="release-type-label"
            options={options}
            value={options.find((o) => o.value === view.releaseType)}
            isDisabled={Boolean(refused) || ctl.busy !== undefined}
            isSearchable={false}
            onChange={(option) => {
              if (option && option.value !== view.releaseType) void ctl.write(PANEL_KEYS.setType, { releaseType: option.value }, t('panel.releaseType.failed'));
            }}
          />
        </div>
      </Inline>
      <PanelWhy view={view} reason={refused} />
    </Stack>
  );
}
