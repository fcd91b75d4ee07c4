import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import { useTexts } from './i18n';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    padding: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.error.main}`,
    backgroundColor:
      theme.palette.type === 'dark'
        ? theme.palette.background.paper
        : `${theme.palette.error.light}22`,
  },
  icon: { color: theme.palette.error.main },
}));

/** An error from the backend, with the server's own message. */
export function ErrorState(props: { error: Error; title?: string }) {
  const classes = useStyles();
  const { t } = useTexts();
  return (
    <Box role="alert" className={classes.root}>
      <ErrorOutlineIcon className={classes.icon} aria-hidden />
      <div>
        <Typography variant="subtitle1" component="p">
          <strong>{props.title ?? t('errors.loadFailed')}</strong>
        </Typography>
        <Typography variant="body2">{props.error.message}</Typography>
      </div>
    </Box>
  );
}

/** A prominent warning: an icon and the text, never colour alone. */
export function WarningNote(props: {
  title: string;
  children?: React.ReactNode;
}) {
  return (
    <Box
      role="note"
      display="flex"
      alignItems="flex-start"
      p={1.5}
      mb={1}
      borderRadius={4}
      border={2}
      borderColor="warning.main"
    >
      <Box mr={1} color="warning.main" display="flex">
        <ErrorOutlineIcon aria-hidden />
      </Box>
      <div>
        <Typography variant="subtitle2" component="p">
          {props.title}
        </Typography>
        {props.children ? (
          <Typography variant="body2" component="div">
            {props.children}
          </Typography>
        ) : null}
      </div>
    </Box>
  );
}
