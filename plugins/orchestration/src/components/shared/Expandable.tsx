import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';

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
          {props.summary} ({open ? 'hide' : 'show'})
        </Link>
      </Typography>
      {open ? <Box mt={1}>{props.children}</Box> : null}
    </Box>
  );
}
