import SectionMessage from '@atlaskit/section-message';

/** Shown when the manifest names a module this build has no screen for (a deploy mismatch). */
export function UnknownModule({ moduleKey }: { moduleKey: string }) {
  return (
    <SectionMessage appearance="error" title="This Preflight module is not available">
      <p>No screen is registered for module “{moduleKey}”. Redeploy the app so the front end matches the manifest.</p>
    </SectionMessage>
  );
}
