import { Box, Flex } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import { useT } from '../i18n/use-t';

/** The loading state every module shows while its data (or its code) arrives. */
export function CenteredSpinner({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <Box padding="space.400">
      <Flex justifyContent="center">
        <Spinner size="large" label={label ?? t('common.loading')} />
      </Flex>
    </Box>
  );
}
