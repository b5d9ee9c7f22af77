/**
 * The catalogue namespaces each module renders (its own screens and the shared components, whose
 * text is in `common` and `releases`). A module downloads only these, in the person's language.
 * A namespace missing here shows message ids instead of text: test/ui/module-namespaces.test.ts
 * reads each module's imports for the ids it can show and fails (test/e2e/pseudo-locale fails on
 * the screens it visits).
 */
const SHARED = ['common', 'releases'];
const MACROS = [...SHARED, 'macros'];

export const NAMESPACES_OF_MODULE: Record<string, readonly string[]> = {
  'preflight-releases': [...SHARED, 'panel', 'advance', 'portfolio', 'qa'],
  'preflight-settings': [...SHARED, 'settings'],
  'preflight-qa': [...SHARED, 'qa'],
  'preflight-portfolio': [...SHARED, 'portfolio'],
  'preflight-checklist-macro': MACROS,
  'preflight-release-notes-macro': MACROS,
  'preflight-retrospective-macro': MACROS,
  'preflight-calendar-macro': [...MACROS, 'portfolio'],
  'preflight-health-macro': [...MACROS, 'portfolio'],
  'preflight-train-notes-macro': [...MACROS, 'portfolio'],
};
