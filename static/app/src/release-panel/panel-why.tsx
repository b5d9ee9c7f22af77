import type { ReleaseView } from '../../../../src/shared/release-panel';
import { WhyDisabled } from '../components/why-disabled';
import { readOnly } from '../lib/permissions';

/**
 * Why a panel control is disabled, next to it; nothing for a read-only person, whom the panel
 * header tells once why they only read (issue 15: the hint used to repeat under every section).
 */
export function PanelWhy({ view, reason, id }: { view: ReleaseView; reason: string | undefined; id?: string }) {
  return <WhyDisabled reason={readOnly(view.me) ? undefined : reason} {...(id && { id })} />;
}
