import { Box, Flex } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';

/** The loading state every module shows while its data (or its code) arrives. */
export function CenteredSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <Box padding="space.400">
      <Flex justifyContent="center">
        <Spinner size="large" label={label} />
      </Flex>
    </Box>
  );
}
