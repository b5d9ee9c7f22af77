import { ResolverFailure } from '../../bridge/call-resolver';
import { useT } from '../../i18n/use-t';

/** An error a person can read: the resolver's message, or a generic line. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useT();
  const message = error instanceof ResolverFailure || error instanceof Error ? error.message : t('macros.error.generic');
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
