export {
  BlockedPlatforms,
  MissingInputs,
  ReasonsByRule,
  RecommendationSummary,
  ValidationProblems,
  nearTieSentence,
} from './AssessmentView';
