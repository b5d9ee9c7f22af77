import { lazy, Suspense } from 'react';
import type { PublishBarProps } from './publish-bar';

const PublishBar = lazy(() => import('./publish-bar'));

/** The publish bar, loaded after the macro's content: its controls (@atlaskit/select) are not part of the first paint. */
export function PublishBarLater(props: PublishBarProps) {
  return (
    <Suspense fallback={null}>
      <PublishBar {...props} />
    </Suspense>
  );
}
