import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  PLATFORM_IDS,
  PlatformId,
  REVIEW_DECISION_KINDS,
  ReviewDecision,
  ReviewDecisionKind,
  ReviewRecord,
  orchestrationReviewCreatePermission,
} from '@orchestration/plugin-orchestration-common';
import { FormEvent, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { orchestrationApiRef } from '../../api';
import {
  ErrorState,
  formatDate,
  formatDateTime,
  platformLabel,
} from '../shared';

const KIND_LABELS: Record<ReviewDecisionKind, string> = {
  accept: 'Accept the recommendation',
  'keep-current': 'Keep the current platform',
  migrate: 'Migrate',
  exempt: 'Exempt',
};

/** A review decision in one sentence. */
export function describeDecision(record: ReviewRecord): string {
  const d = record.decision;
  switch (d.kind) {
    case 'accept':
      return `Accepted the recommendation${d.comment ? `: ${d.comment}` : ''}`;
    case 'keep-current':
      return `Keeps the current platform: ${d.comment}`;
    case 'migrate':
      return `Migrate to ${platformLabel(d.targetPlatform)} by ${formatDate(
        d.dueDate,
      )}${d.comment ? `: ${d.comment}` : ''}`;
    case 'exempt':
      return `Exempt until ${formatDate(d.expiresOn)}: ${d.justification}`;
    default:
      return 'Unknown decision';
  }
}

function ReviewForm(props: {
  entity: Entity;
  recommended: PlatformId | null;
  onRecorded: () => void;
}) {
  const api = useApi(orchestrationApiRef);
  const [kind, setKind] = useState<ReviewDecisionKind>('accept');
  const [comment, setComment] = useState('');
  const [target, setTarget] = useState<string>(
    props.recommended ?? 'ecs-fargate',
  );
  const [date, setDate] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [saved, setSaved] = useState(false);

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    setSaved(false);
    try {
      await api.createReview(getCompoundEntityRef(props.entity), decision());
      setSaved(true);
      setComment('');
      props.onRecorded();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSubmitting(false);
    }
  };

  const COMMENT_LABELS: Record<ReviewDecisionKind, string> = {
    accept: 'Comment (optional)',
    'keep-current': 'Why the current platform stays (required)',
    migrate: 'Comment (optional)',
    exempt: 'Justification (required)',
  };
  const commentLabel = COMMENT_LABELS[kind];

  return (
    <Box
      component="form"
      onSubmit={submit}
      aria-label="Record a decision"
      mt={2}
    >
      <Typography variant="subtitle1" component="h4">
        Record a decision
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={12} sm={4}>
          <TextField
            select
            fullWidth
            id="review-decision"
            label="Decision"
            value={kind}
            onChange={e => setKind(e.target.value as ReviewDecisionKind)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            {REVIEW_DECISION_KINDS.map(k => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </TextField>
        </Grid>
        {kind === 'migrate' ? (
          <Grid item xs={12} sm={4}>
            <TextField
              select
              fullWidth
              id="review-target"
              label="Target platform"
              value={target}
              onChange={e => setTarget(e.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              {PLATFORM_IDS.map(id => (
                <option key={id} value={id}>
                  {platformLabel(id)}
                </option>
              ))}
            </TextField>
          </Grid>
        ) : null}
        {kind === 'migrate' || kind === 'exempt' ? (
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              type="date"
              id="review-date"
              required
              label={kind === 'migrate' ? 'Due date' : 'Exemption expires on'}
              value={date}
              onChange={e => setDate(e.target.value)}
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
            onChange={e => setComment(e.target.value)}
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
          {submitting ? 'Recording…' : 'Record decision'}
        </Button>
      </Box>
      <Box mt={1} aria-live="polite">
        {error ? (
          <ErrorState error={error} title="The decision was not recorded" />
        ) : null}
        {saved ? (
          <Typography variant="body2" role="status">
            Decision recorded.
          </Typography>
        ) : null}
      </Box>
    </Box>
  );
}

/**
 * The review history of an entity, and for those allowed to, the form to
 * record a decision.
 */
export function ReviewPanel(props: {
  entity: Entity;
  recommended: PlatformId | null;
}) {
  const { entity } = props;
  const api = useApi(orchestrationApiRef);
  const entityRef = stringifyEntityRef(entity);
  const permission = usePermission({
    permission: orchestrationReviewCreatePermission,
    resourceRef: entityRef,
  });
  const reviews = useAsyncRetry(
    () => api.listReviews(getCompoundEntityRef(entity)),
    [api, entityRef],
  );

  return (
    <Box>
      {reviews.loading && !reviews.value ? <Progress /> : null}
      {reviews.error ? (
        <ErrorState error={reviews.error} title="Could not load the reviews" />
      ) : null}
      {reviews.value && reviews.value.items.length === 0 ? (
        <Typography variant="body2">
          No decision has been recorded yet.
        </Typography>
      ) : null}
      {reviews.value && reviews.value.items.length > 0 ? (
        <Box component="ol" pl={2} m={0} aria-label="Review history">
          {reviews.value.items.map(record => (
            <li key={record.id}>
              <Typography variant="body2">
                <strong>{describeDecision(record)}</strong> — {record.reviewer},{' '}
                {formatDateTime(record.createdAt)}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {!permission.loading && permission.allowed ? (
        <ReviewForm
          entity={entity}
          recommended={props.recommended}
          onRecorded={reviews.retry}
        />
      ) : null}
      {!permission.loading && !permission.allowed ? (
        <Typography variant="body2" component="p" style={{ marginTop: 16 }}>
          Only members of the platform team can record a decision.
        </Typography>
      ) : null}
    </Box>
  );
}
