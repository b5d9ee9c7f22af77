import type { z } from 'zod';
import { monitoringSettingsDeps } from '../composition';
import { getMonitoringPayload, rotateMonitoringSecretPayload, saveSentrySecretPayload } from '../shared/monitoring';
import { getMonitoring, rotateMonitoringSecret, saveSentrySecret, type MonitoringSettingsDeps } from '../usecases/monitoring-secret';
import type { Actor } from '../usecases/release-deps';
import { defineResolver } from './define-resolver';
import { projectPageContext } from './releases';

type ProjectContext = z.infer<typeof projectPageContext>;

/** The settings page's monitoring section; the use cases check project-admin rights before writes. */
function monitoring<P extends z.ZodType, R>(payload: P, run: (deps: MonitoringSettingsDeps, actor: Actor, input: z.infer<P>) => Promise<R>) {
  return defineResolver({
    payload,
    context: projectPageContext,
    run: (input, context: ProjectContext, accountId, caller) => {
      const { id, key } = context.extension.project;
      return run(monitoringSettingsDeps(), { accountId, project: { id, key }, ...caller }, input);
    },
  });
}

export const monitoringResolvers = {
  get: monitoring(getMonitoringPayload, (d, a) => getMonitoring(d, a)),
  rotateSecret: monitoring(rotateMonitoringSecretPayload, (d, a) => rotateMonitoringSecret(d, a)),
  saveSentrySecret: monitoring(saveSentrySecretPayload, (d, a, i) => saveSentrySecret(d, a, i.clientSecret)),
};
