export {
  AnnotationProblemList,
  BlockedPlatforms,
  hasMissingInputs,
  MissingInputs,
  ReasonsByRule,
  RecommendationSummary,
  ValidationProblems,
  WorkloadTypeAdvice,
  nearTieSentence,
} from './AssessmentView';
export { DecisionStrip } from './DecisionStrip';
export { MisspeltKeys } from './MisspeltKeys';
