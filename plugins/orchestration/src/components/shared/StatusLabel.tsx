import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ObligationStatus } from '@orchestration/plugin-orchestration-common';
import { useTexts } from './i18n';
import { obligationStatusLabel } from './labels';

/** An obligation status: an icon and the status in words. */
export function ObligationStatusLabel(props: {
  status: ObligationStatus | null | undefined;
}) {
  const { status } = props;
  const texts = useTexts();
  if (!status) return <span>{texts.t('common.none')}</span>;
  const text = obligationStatusLabel(status, texts);
  switch (status) {
    case 'ok':
      return <StatusOK>{text}</StatusOK>;
    case 'warning':
      return <StatusWarning>{text}</StatusWarning>;
    case 'critical':
      return <StatusError>{text}</StatusError>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
}
