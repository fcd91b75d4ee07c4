export {
  OrchestrationDashboard,
  OrchestrationReviewPage,
} from './OrchestrationReviewPage';
export { queryFromSearchParams } from './query';
