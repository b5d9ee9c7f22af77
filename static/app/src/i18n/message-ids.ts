import type advance from './messages/advance.en.json';
import type common from './messages/common.en.json';
import type macros from './messages/macros.en.json';
import type panel from './messages/panel.en.json';
import type portfolio from './messages/portfolio.en.json';
import type qa from './messages/qa.en.json';
import type releases from './messages/releases.en.json';
import type settings from './messages/settings.en.json';

/** Every message id of the Custom UI: a typo or a removed message fails the typecheck. */
export type MessageId =
  | keyof typeof advance
  | keyof typeof common
  | keyof typeof macros
  | keyof typeof panel
  | keyof typeof portfolio
  | keyof typeof qa
  | keyof typeof releases
  | keyof typeof settings;
