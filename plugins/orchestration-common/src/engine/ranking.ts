import { PLATFORM_IDS, PlatformId } from '../annotations';
import { OrchestrationOptions } from '../config';
import { RuleOutcome } from './rules';
import { PlatformVerdict } from './types';

/**
 * The platforms in order, best first.
 *
 * @internal
 */
export interface Ranking {
  /** Non-blocked platforms, best first: uncapped before capped, then by score. */
  order: PlatformId[];
  best: PlatformId | undefined;
  /** Platforms of the best one's tier within the near-tie margin. */
  nearTies: PlatformId[];
  /** Points between the best and the next in order (0 when the next scores higher but ranks lower); null without a next. */
  lead: number | null;
}

/**
 * Whether a platform outranks another: uncapped before capped, then the
 * higher score. Neither outranks the other on a tie (display order decides).
 * The one ranking rule of the engine.
 *
 * @internal
 */
export function outranks(
  capped: boolean,
  score: number,
  otherCapped: boolean,
  otherScore: number,
): boolean {
  if (capped !== otherCapped) return !capped;
  return score > otherScore;
}

function ranksBefore(
  outcome: Pick<RuleOutcome, 'scores' | 'capped'>,
  a: PlatformId,
  b: PlatformId,
): boolean {
  return outranks(
    outcome.capped[a],
    outcome.scores[a],
    outcome.capped[b],
    outcome.scores[b],
  );
}

/**
 * Ranks platforms by their uncapped score; a platform capped for lacking a
 * needed feature ranks after every platform that has it, and blocked ones
 * are left out. Ties keep the display order.
 *
 * @internal
 */
export function rankPlatforms(
  outcome: Pick<RuleOutcome, 'scores' | 'blocked' | 'capped'>,
  options: OrchestrationOptions,
): Ranking {
  // Insertion into a list of at most four: cheaper than filter and sort, and
  // this runs once per alternative input in the sensitivity analysis.
  const order: PlatformId[] = [];
  for (const id of PLATFORM_IDS) {
    if (outcome.blocked[id]) continue;
    let at = order.length;
    while (at > 0 && ranksBefore(outcome, id, order[at - 1])) at--;
    order.splice(at, 0, id);
  }
  const best = order[0];
  if (best === undefined) {
    return { order, best, nearTies: [], lead: null };
  }
  const bestScore = outcome.scores[best];
  const nearTies = order.filter(
    id =>
      id !== best &&
      outcome.capped[id] === outcome.capped[best] &&
      bestScore - outcome.scores[id] <= options.thresholds.nearTieMargin,
  );
  const next = order[1];
  const lead =
    next === undefined ? null : Math.max(0, bestScore - outcome.scores[next]);
  return { order, best, nearTies, lead };
}

/**
 * The verdict on one platform.
 *
 * @internal
 */
export function verdictFor(
  fit: number,
  state: { blocked: boolean; recommended: boolean; capped: boolean },
  options: OrchestrationOptions,
): PlatformVerdict {
  if (state.blocked) return 'blocked';
  if (state.recommended) return 'recommended';
  const { goodFit, possibleFit } = options.thresholds;
  if (fit >= goodFit && !state.capped) return 'good';
  if (fit >= possibleFit) return 'possible';
  return 'poor';
}
