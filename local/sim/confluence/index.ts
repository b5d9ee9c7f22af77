/** The simulated Confluence Cloud (REST v2): spaces and pages. See handler.ts for the behaviour. */
export { createConfluenceSim, CONFLUENCE_APP_ACCOUNT_ID, type ConfluenceSimOptions } from './handler';
export {
  seedConfluence,
  DEMO_RELEASE,
  type ConfluenceSeedOptions,
  parseConfluenceState,
  currentVersion,
  findPageByTitle,
  type ConfluenceState,
  type ConfluenceSpace,
  type ConfluencePage,
  type ConfluencePageVersion,
  type ConfluenceBody,
} from './state';
export { adfToStorage, storageToAdf, bodyAs, adfProblems } from './bodies';
