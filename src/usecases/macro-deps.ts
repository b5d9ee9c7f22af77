import type { MacroReads, PagePublisher } from '../ports';
import type { ReleaseDeps } from './release-deps';

/** What the macros' use cases need: the release panel's deps plus Confluence pages and notes reads. */
export interface MacroDeps extends ReleaseDeps {
  macroReads: MacroReads;
  pages: PagePublisher;
  /** The site's address, for links to issues (`${siteUrl}/browse/KEY`). */
  siteUrl: string;
}
