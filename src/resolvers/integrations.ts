import type { z } from 'zod';
import { integrationDeps, notifyDeps, releaseDeps } from '../composition';
import { getIntegrationsPayload, notificationStatusPayload, rotateGateSecretPayload, saveRemindersPayload, saveWebhooksPayload, sendTestMessagePayload } from '../shared/notifications';
import { getIntegrations, notificationStatus, rotateProjectGateSecret, saveReminderDays, saveWebhooks } from '../usecases/integrations';
import type { IntegrationDeps } from '../usecases/integrations';
import { sendTestMessage } from '../usecases/send-test-message';
import { assertVersionInProject } from '../usecases/load-release';
import type { Actor } from '../usecases/release-deps';
import { defineResolver } from './define-resolver';
import { projectPageContext } from './releases';

type ProjectContext = z.infer<typeof projectPageContext>;

/** Resolvers of the settings page's integrations section; the use cases check project-admin rights before writes. */
function integrations<P extends z.ZodType, R>(payload: P, run: (deps: IntegrationDeps, actor: Actor, input: z.infer<P>) => Promise<R>) {
  return defineResolver({
    payload,
    context: projectPageContext,
    run: (input, context: ProjectContext, accountId, caller) => {
      const { id, key } = context.extension.project;
      return run(integrationDeps(context.siteUrl), { accountId, project: { id, key }, ...caller }, input);
    },
  });
}

export const integrationResolvers = {
  get: integrations(getIntegrationsPayload, (d, a) => getIntegrations(d, a)),
  rotateGateSecret: integrations(rotateGateSecretPayload, (d, a) => rotateProjectGateSecret(d, a)),
  saveWebhooks: integrations(saveWebhooksPayload, saveWebhooks),
  saveReminders: integrations(saveRemindersPayload, (d, a, i) => saveReminderDays(d, a, i.reminderDays)),
  // Posts through the notifications' own poster, so the test meets the same egress rules.
  sendTestMessage: integrations(sendTestMessagePayload, (d, a, i) => sendTestMessage({ ...d, poster: notifyDeps().poster }, a, i.channel)),
};

/** The release panel's list of failed notifications (for a version of the page's project only). */
export const notificationStatusResolver = defineResolver({
  payload: notificationStatusPayload,
  context: projectPageContext,
  run: async (input, context: ProjectContext, accountId) => {
    const { id, key } = context.extension.project;
    await assertVersionInProject(releaseDeps(context.siteUrl ?? ''), { accountId, project: { id, key } }, input.versionId);
    return notificationStatus(integrationDeps(context.siteUrl), input.versionId);
  },
});
