import Select from '@atlaskit/select';
import { Inline, Text } from '@atlaskit/primitives';
import { PANEL_KEYS, RELEASE_TYPE_VALUES, type ReleaseView } from '../../../../src/shared/release-panel';
import { RELEASE_TYPE_NAMES } from '../lib/labels';
import type { ReleaseController } from './use-release';

type Option = { label: string; value: ReleaseView['releaseType'] };
const OPTIONS: Option[] = RELEASE_TYPE_VALUES.map((value) => ({ value, label: RELEASE_TYPE_NAMES[value] }));

/** The release type picks the template; changing it is a write like any other. */
export function ReleaseTypePicker({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const readOnly = view.me.readOnlyReason;
  return (
    <Inline space="space.100" alignBlock="center">
      <Text as="strong" id="release-type-label">
        Release type
      </Text>
      <div style={{ minWidth: 160 }}>
        <Select<Option>
          inputId="release-type"
          aria-labelledby="release-type-label"
          options={OPTIONS}
          value={OPTIONS.find((o) => o.value === view.releaseType)}
          isDisabled={Boolean(readOnly) || ctl.busy !== undefined}
          isSearchable={false}
          onChange={(option) => {
            if (option && option.value !== view.releaseType) void ctl.write(PANEL_KEYS.setType, { releaseType: option.value }, 'The release type was not changed');
          }}
        />
      </div>
    </Inline>
  );
}
