import { AppError } from '../errors';
import type { PagePublisher } from '../ports';
import { text } from '../i18n/server-translator';

/**
 * Pages on a site without Confluence: every call answers NOT_CONNECTED with words a person can act
 * on, before anything is sent (Forge would refuse the call to a product the installation lacks).
 */
export function confluenceNotConnected(): PagePublisher {
  const refuse = (): Promise<never> => Promise.reject(new AppError('NOT_CONNECTED', text('errors.confluence.notConnected')));
  return { spaces: refuse, get: refuse, findByTitle: refuse, create: refuse, update: refuse };
}
