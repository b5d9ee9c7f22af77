import Select from '@atlaskit/select';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { PANEL_KEYS, RELEASE_TYPE_VALUES, type ReleaseView } from '../../../../src/shared/release-panel';
import { WhyDisabled } from '../components/why-disabled';
import { RELEASE_TYPE_NAMES } from '../lib/labels';
import { refusalFor } from '../lib/permissions';
import type { ReleaseController } from './use-release';

type Option = { label: string; value: ReleaseView['releaseType'] };
const OPTIONS: Option[] = RELEASE_TYPE_VALUES.map((value) => ({ value, label: RELEASE_TYPE_NAMES[value] }));

/** The release type picks the template; changing it is a write like any other. */
export function ReleaseTypePicker({ view, ctl }: { view: ReleaseView; ctl: ReleaseController }) {
  const refused = refusalFor(view.me, 'set-type');
  return (
    <Stack space="space.050">
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
            isDisabled={Boolean(refused) || ctl.busy !== undefined}
            isSearchable={false}
            onChange={(option) => {
              if (option && option.value !== view.releaseType) void ctl.write(PANEL_KEYS.setType, { releaseType: option.value }, 'The release type was not changed');
            }}
          />
        </div>
      </Inline>
      {/* A read-only person gets the reason in the message right below the picker. */}
      <WhyDisabled reason={view.me.readOnlyReason ? undefined : refused} />
    </Stack>
  );
}
