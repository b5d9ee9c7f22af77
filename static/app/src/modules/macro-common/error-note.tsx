import { ResolverFailure } from '../../bridge/call-resolver';
import { useT } from '../../i18n/use-t';

/** An error a person can read: the resolver's message, or a generic line (in `common`: the train view on the global page shows it too). */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useT();
  const message = error instanceof ResolverFailure || error instanceof Error ? error.message : t('common.error.generic');
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
