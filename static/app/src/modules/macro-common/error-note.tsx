import { ResolverFailure } from '../../bridge/call-resolver';

/** An error a person can read: the resolver's message, or a generic line. */
export function ErrorNote({ error }: { error: unknown }) {
  const message = error instanceof ResolverFailure || error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
