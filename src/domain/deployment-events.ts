import { text } from '../i18n/server-translator';
import { auditLine } from './audit-line';
import { sameDeployment, type Deployment, type ReportedDeployment } from './deployments';
import type { Change, ReleaseRecord } from './release';

// Kept apart from deployments.ts, which the Custom UI and the CLI import for their schemas: the
// audit line needs the backend's catalogues, which must not reach those bundles.

/** The audit line: "Deployed 2.2.0 to production (successful) by deploy #42". */
export function deploymentSummary(d: Pick<ReportedDeployment, 'environment' | 'build' | 'status' | 'pipeline'>): ReturnType<typeof auditLine> {
  const values = { build: d.build, environment: d.environment, status: text(`audit.deployStatus.${d.status}`) };
  return d.pipeline ? auditLine('audit.deployedBy', { ...values, pipeline: d.pipeline }) : auditLine('audit.deployed', values);
}

/**
 * Records a deployment as its environment's latest on the release. The same report twice records
 * once (no event, record unchanged), so CI may retry freely. `by` is who reported it (the pipeline).
 */
export function recordDeployment(record: ReleaseRecord, d: ReportedDeployment, by: string): Change {
  if (sameDeployment(record.deployments?.[d.environment], d)) return { record, events: [] };
  const deployment: Deployment = { kind: d.kind, build: d.build, status: d.status, at: d.at, ...(d.url && { url: d.url }), ...(d.pipeline && { pipeline: d.pipeline }) };
  return {
    record: { ...record, deployments: { ...record.deployments, [d.environment]: deployment }, updatedAt: d.at },
    events: [
      {
        type: 'deployment-reported',
        by,
        at: d.at,
        ...deploymentSummary(d),
        data: { environment: d.environment, kind: d.kind, build: d.build, status: d.status, ...(d.pipeline && { pipeline: d.pipeline }), ...(d.url && { url: d.url }) },
      },
    ],
  };
}
