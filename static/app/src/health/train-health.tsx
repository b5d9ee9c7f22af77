import { HEALTH_KEYS, type ReleaseHealthView } from '../../../../src/shared/health';
import { callResolver } from '../bridge/call-resolver';
import { ErrorNote } from '../modules/macro-common/error-note';
import { useLoad } from '../modules/macro-common/use-macro';
import { useT } from '../i18n/use-t';
import { HealthReport } from './health-report';

/**
 * A release train's health (`health/train`): its members that shipped, across their projects, as
 * figures, charts and a table. For the train panel on the global page; load it lazily
 * (`lazy(() => import('../health/train-health'))`) so the chart library stays in the health chunk.
 */
export default function TrainHealth({ trainId }: { trainId: string }) {
  const { t } = useT();
  const { data, error, reload } = useLoad(() => callResolver<ReleaseHealthView>(HEALTH_KEYS.train, { trainId }), [trainId]);
  if (error) {
    return (
      <div className="health">
        <ErrorNote error={error} />
        <button type="button" onClick={reload}>
          {t('portfolio.retry')}
        </button>
      </div>
    );
  }
  if (!data) return <p className="muted">{t('portfolio.health.loadingTrain')}</p>;
  return <HealthReport view={data} fileName={`release-health-train-${trainId}.csv`} />;
}
