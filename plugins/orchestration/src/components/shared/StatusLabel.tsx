import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ObligationStatus } from '@orchestration/plugin-orchestration-common';
import { OBLIGATION_STATUS_LABELS } from './labels';

/** An obligation status: an icon and the status in words. */
export function ObligationStatusLabel(props: {
  status: ObligationStatus | null | undefined;
}) {
  const { status } = props;
  if (!status) return <span>None</span>;
  const text = OBLIGATION_STATUS_LABELS[status] ?? status;
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
