import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { useTexts } from './i18n';

/**
 * One line that opens what is not urgent: `If it ran on self-managed
 * Kubernetes: 5 obligations (show)`. The content is rendered only when open.
 */
export function Expandable(props: {
  /** The line, without "(show)". */
  summary: string;
  children: ReactNode;
  defaultOpen?: boolean;
  'data-testid'?: string;
}) {
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  const { t } = useTexts();
  return (
    <Box data-testid={props['data-testid']}>
      <Typography variant="body2" component="p">
        <Link
          component="button"
          type="button"
          variant="body2"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          style={{ textAlign: 'left' }}
        >
          {open
            ? t('common.hideSummary', { summary: props.summary })
            : t('common.showSummary', { summary: props.summary })}
        </Link>
      </Typography>
      {open ? <Box mt={1}>{props.children}</Box> : null}
    </Box>
  );
}
