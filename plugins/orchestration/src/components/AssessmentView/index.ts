export {
  AnnotationProblemList,
  BlockedPlatforms,
  hasMissingInputs,
  MigrationPlan,
  MissingInputs,
  ProblemLine,
  ReasonsByPlatform,
  RecommendationSummary,
  ValidationProblems,
  WorkloadTypeAdvice,
  nearTieSentence,
} from './AssessmentView';
export { DecisionStrip } from './DecisionStrip';
export { MisspeltKeys } from './MisspeltKeys';
