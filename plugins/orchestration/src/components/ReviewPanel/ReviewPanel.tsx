import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  decisionInForce,
  PLATFORM_IDS,
  PlatformId,
  REVIEW_DECISION_KINDS,
  ReviewDecision,
  ReviewDecisionKind,
  ReviewRecord,
  orchestrationReviewCreatePermission,
} from '@orchestration/plugin-orchestration-common';
import { FormEvent, useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  DateText,
  defaultTexts,
  ErrorState,
  platformLabel,
  Texts,
  useTexts,
} from '../shared';
import { newIdempotencyKey } from './idempotencyKey';

/** Reviews asked for at a time; older ones come on request. */
export const REVIEW_PAGE_SIZE = 50;

/** A review decision in one sentence. */
export function describeDecision(
  record: Pick<ReviewRecord, 'decision'>,
  texts: Texts = defaultTexts(),
): string {
  const { t, fmt } = texts;
  const d = record.decision;
  switch (d.kind) {
    case 'accept':
      return d.comment
        ? t('review.describe.acceptWithComment', { comment: d.comment })
        : t('review.describe.accept');
    case 'keep-current':
      return t('review.describe.keepCurrent', { comment: d.comment });
    case 'migrate': {
      const values = {
        platform: platformLabel(d.targetPlatform, texts),
        due: fmt.date(d.dueDate),
        comment: d.comment ?? '',
      };
      return d.comment
        ? t('review.describe.migrateWithComment', values)
        : t('review.describe.migrate', values);
    }
    case 'exempt':
      return t('review.describe.exempt', {
        until: fmt.date(d.expiresOn),
        justification: d.justification,
      });
    default:
      return t('review.describe.unknown');
  }
}

/** Who recorded a review, by the name the catalog gives them. */
export function ReviewerName(props: { reviewer: string }) {
  let ref: CompoundEntityRef | undefined;
  try {
    ref = parseEntityRef(props.reviewer, { defaultKind: 'user' });
  } catch {
    ref = undefined;
  }
  return ref ? (
    <EntityDisplayName entityRef={ref} defaultKind="user" hideIcon />
  ) : (
    <>{props.reviewer}</>
  );
}

/** The `YYYY-MM-DD` UTC day `days` after today, as the backend counts days. */
function utcDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type FieldErrors = { date?: string; comment?: string };

const useStyles = makeStyles(theme => ({
  // Labels and messages of fields in error in the dark shade of the error
  // colour: the main shade reads at 3.7:1 on white, below the 4.5:1 of text.
  form: {
    '& .MuiFormLabel-root.Mui-error, & .MuiFormHelperText-root.Mui-error': {
      color:
        theme.palette.type === 'dark'
          ? theme.palette.error.light
          : theme.palette.error.dark,
    },
  },
}));

function ReviewForm(props: {
  entity: Entity;
  recommended: PlatformId | null;
  onRecorded: (record: ReviewRecord) => void;
  /** Changes when the history above the form does (and moves the form). */
  history: unknown;
}) {
  const api = useApi(orchestrationApiRef);
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const [kind, setKind] = useState<ReviewDecisionKind>('accept');
  const [comment, setComment] = useState('');
  const [target, setTarget] = useState<string>(
    props.recommended ?? 'ecs-fargate',
  );
  const [date, setDate] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<ReviewRecord | undefined>();
  // Set synchronously, so a second submit before the re-render sends nothing.
  const sending = useRef(false);
  // The key of the decision being sent: the same decision sent again (after
  // a failure) reuses it, so the backend stores it once.
  const pendingKey = useRef<{ body: string; key: string } | undefined>();
  const dateInput = useRef<HTMLInputElement>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  const savedMessage = useRef<HTMLElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (saved) savedMessage.current?.focus();
  }, [saved]);
  // The new review joins the history above and pushes the form down: keep
  // the focused confirmation in view.
  const { history } = props;
  useEffect(() => {
    const message = savedMessage.current;
    if (message && document.activeElement === message) {
      message.scrollIntoView?.({ block: 'nearest' });
    }
  }, [history]);
  useEffect(() => {
    if (error) errorBox.current?.focus();
  }, [error]);

  const today = utcDay();
  const minDate = kind === 'exempt' ? utcDay(1) : today;
  // The backend counts days in UTC: today is said as a date, in UTC.
  const todayText = texts.fmt.date(today);

  const decision = (): ReviewDecision => {
    const trimmed = comment.trim();
    switch (kind) {
      case 'keep-current':
        return { kind, comment: trimmed };
      case 'migrate':
        return {
          kind,
          targetPlatform: target as PlatformId,
          dueDate: date,
          ...(trimmed ? { comment: trimmed } : {}),
        };
      case 'exempt':
        return { kind, justification: trimmed, expiresOn: date };
      default:
        return { kind: 'accept', ...(trimmed ? { comment: trimmed } : {}) };
    }
  };

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (kind === 'migrate') {
      if (!date) found.date = t('review.errors.dueMissing');
      else if (date < today) {
        found.date = t('review.errors.dueBeforeToday', { today: todayText });
      }
    }
    if (kind === 'exempt') {
      if (!date) found.date = t('review.errors.expiryMissing');
      else if (date <= today) {
        found.date = t('review.errors.expiryNotAfterToday', {
          today: todayText,
        });
      }
    }
    if (kind === 'keep-current' && !comment.trim()) {
      found.comment = t('review.errors.keepReasonMissing');
    }
    if (kind === 'exempt' && !comment.trim()) {
      found.comment = t('review.errors.justificationMissing');
    }
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    const found = validate();
    setErrors(found);
    if (found.date || found.comment) {
      (found.date ? dateInput : commentInput).current?.focus();
      return;
    }
    const body = decision();
    const text = JSON.stringify(body);
    if (pendingKey.current?.body !== text) {
      pendingKey.current = { body: text, key: newIdempotencyKey() };
    }
    sending.current = true;
    setSubmitting(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const stored = await api.createReview(
        getCompoundEntityRef(props.entity),
        body,
        { idempotencyKey: pendingKey.current.key },
      );
      pendingKey.current = undefined;
      setComment('');
      setDate('');
      setSaved(stored);
      props.onRecorded(stored);
    } catch (e) {
      setError(e as Error);
    } finally {
      sending.current = false;
      setSubmitting(false);
    }
  };

  const commentLabel = t(`review.commentLabels.${kind}`);
  const dateHint =
    kind === 'migrate'
      ? t('review.dueHint', { today: todayText })
      : t('review.expiryHint', { today: todayText });

  return (
    <Box mt={2} className={classes.form}>
      <form onSubmit={submit} noValidate aria-labelledby="review-form-heading">
        <Typography variant="subtitle1" component="h4" id="review-form-heading">
          {t('review.formTitle')}
        </Typography>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <TextField
              select
              fullWidth
              id="review-decision"
              label={t('review.decision')}
              value={kind}
              onChange={e => {
                setKind(e.target.value as ReviewDecisionKind);
                setErrors({});
              }}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              {REVIEW_DECISION_KINDS.map(k => (
                <option key={k} value={k}>
                  {t(`review.kinds.${k}`)}
                </option>
              ))}
            </TextField>
          </Grid>
          {kind === 'migrate' ? (
            <Grid item xs={12} sm={6}>
              <TextField
                select
                fullWidth
                id="review-target"
                label={t('review.targetPlatform')}
                value={target}
                onChange={e => setTarget(e.target.value)}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
              >
                {PLATFORM_IDS.map(id => (
                  <option key={id} value={id}>
                    {platformLabel(id, texts)}
                  </option>
                ))}
              </TextField>
            </Grid>
          ) : null}
          {kind === 'migrate' || kind === 'exempt' ? (
            <Grid item xs={12} sm={6}>
              <TextField
                fullWidth
                type="date"
                id="review-date"
                required
                label={
                  kind === 'migrate'
                    ? t('review.dueDate')
                    : t('review.expiresOn')
                }
                value={date}
                onChange={e => {
                  setDate(e.target.value);
                  setErrors(current => ({ ...current, date: undefined }));
                }}
                error={Boolean(errors.date)}
                helperText={errors.date ?? dateHint}
                inputRef={dateInput}
                inputProps={{ min: minDate }}
                InputLabelProps={{ shrink: true }}
              />
            </Grid>
          ) : null}
          <Grid item xs={12}>
            <TextField
              fullWidth
              multiline
              id="review-comment"
              minRows={2}
              label={commentLabel}
              required={kind === 'exempt' || kind === 'keep-current'}
              value={comment}
              onChange={e => {
                setComment(e.target.value);
                setErrors(current => ({ ...current, comment: undefined }));
              }}
              error={Boolean(errors.comment)}
              helperText={errors.comment}
              inputRef={commentInput}
            />
          </Grid>
        </Grid>
        <Box mt={1}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={submitting}
          >
            {submitting ? t('review.recording') : t('review.record')}
          </Button>
        </Box>
        <Box mt={1}>
          {error ? (
            <div ref={errorBox} tabIndex={-1}>
              <ErrorState error={error} title={t('review.notRecorded')} />
            </div>
          ) : null}
          {saved ? (
            <Typography
              variant="body2"
              role="status"
              tabIndex={-1}
              ref={savedMessage}
              data-testid="review-recorded"
            >
              {t('review.recorded', {
                decision: describeDecision(saved, texts),
              })}
            </Typography>
          ) : null}
        </Box>
      </form>
    </Box>
  );
}

/** The decision in force, or why there is none. */
function InForce(props: { inForce: ReviewRecord | null; hasReviews: boolean }) {
  const { inForce } = props;
  const texts = useTexts();
  const { t } = texts;
  if (!props.hasReviews) return null;
  return (
    <Typography
      variant="body2"
      component="p"
      data-testid="review-in-force"
      style={{ marginBottom: 8 }}
    >
      {inForce
        ? t('review.inForce', {
            decision: (
              <strong>
                {t('review.inForceDecision', {
                  decision: describeDecision(inForce, texts),
                })}
              </strong>
            ),
            reviewer: <ReviewerName reviewer={inForce.reviewer} />,
            date: <DateText value={inForce.createdAt} />,
          })
        : t('review.noneInForce')}
    </Typography>
  );
}

/**
 * The review history of an entity, with the decision in force, and for those
 * allowed to, the form to record a decision. `onRecorded` is called after a
 * decision is stored, e.g. to refresh other views of the decision in force.
 */
export function ReviewPanel(props: {
  entity: Entity;
  recommended: PlatformId | null;
  onRecorded?: (record: ReviewRecord) => void;
}) {
  const { entity, onRecorded } = props;
  const api = useApi(orchestrationApiRef);
  const texts = useTexts();
  const { t } = texts;
  const entityRef = stringifyEntityRef(entity);
  const permission = usePermission({
    permission: orchestrationReviewCreatePermission,
    resourceRef: entityRef,
  });
  const [version, setVersion] = useState(0);
  const first = useAsync(
    () =>
      api.listReviews(getCompoundEntityRef(entity), {
        limit: REVIEW_PAGE_SIZE,
      }),
    [api, entityRef, version],
  );
  const [older, setOlder] = useState<{
    items: ReviewRecord[];
    nextCursor: string | null;
  }>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<Error | undefined>();
  const focusId = useRef<string | undefined>();
  const itemRefs = useRef(new Map<string, HTMLLIElement>());

  useEffect(() => {
    setOlder(undefined);
    setOlderError(undefined);
  }, [entityRef, version]);

  useEffect(() => {
    if (!focusId.current) return;
    itemRefs.current.get(focusId.current)?.focus();
    focusId.current = undefined;
  }, [older]);

  const page = first.value;
  const items = page ? [...page.items, ...(older?.items ?? [])] : [];
  const nextCursor = older ? older.nextCursor : page?.nextCursor ?? null;
  // Older backends answer without `inForce`: work it out from the page.
  const inForce =
    page?.inForce === undefined
      ? decisionInForce(items, new Date())
      : page.inForce;

  const showOlder = async () => {
    if (!nextCursor || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(undefined);
    try {
      const next = await api.listReviews(getCompoundEntityRef(entity), {
        limit: REVIEW_PAGE_SIZE,
        cursor: nextCursor,
      });
      focusId.current = next.items[0]?.id;
      setOlder(current => ({
        items: [...(current?.items ?? []), ...next.items],
        nextCursor: next.nextCursor,
      }));
    } catch (e) {
      setOlderError(e as Error);
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <Box>
      {first.loading && !page ? <Progress /> : null}
      {first.error ? (
        <ErrorState error={first.error} title={t('review.loadFailed')} />
      ) : null}
      {page && items.length === 0 ? (
        <Typography variant="body2">{t('review.none')}</Typography>
      ) : null}
      {page ? (
        <InForce inForce={inForce} hasReviews={items.length > 0} />
      ) : null}
      {items.length > 0 ? (
        <Box component="ol" pl={2} m={0} aria-label={t('review.historyLabel')}>
          {items.map(record => (
            <li
              key={record.id}
              tabIndex={-1}
              ref={element => {
                if (element) itemRefs.current.set(record.id, element);
                else itemRefs.current.delete(record.id);
              }}
            >
              <Typography variant="body2" component="span">
                {t('review.entry', {
                  decision: <strong>{describeDecision(record, texts)}</strong>,
                  reviewer: <ReviewerName reviewer={record.reviewer} />,
                  when: <DateText value={record.createdAt} withTime />,
                })}
                {inForce?.id === record.id ? (
                  <>
                    {' '}
                    <Chip
                      size="small"
                      variant="outlined"
                      label={t('review.inForceChip')}
                    />
                  </>
                ) : null}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {olderError ? (
        <ErrorState error={olderError} title={t('review.olderFailed')} />
      ) : null}
      {nextCursor ? (
        <Box mt={1}>
          <Button
            size="small"
            color="primary"
            onClick={showOlder}
            disabled={loadingOlder}
          >
            {loadingOlder ? t('review.loadingOlder') : t('review.showOlder')}
          </Button>
        </Box>
      ) : null}
      {!permission.loading && permission.allowed ? (
        <ReviewForm
          entity={entity}
          recommended={props.recommended}
          history={page}
          onRecorded={record => {
            setVersion(v => v + 1);
            onRecorded?.(record);
          }}
        />
      ) : null}
      {!permission.loading && !permission.allowed ? (
        <Typography variant="body2" component="p" style={{ marginTop: 16 }}>
          {t('review.notAllowed')}
        </Typography>
      ) : null}
    </Box>
  );
}
