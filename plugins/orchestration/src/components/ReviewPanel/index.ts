export {
  ReviewPanel,
  ReviewerName,
  describeDecision,
  REVIEW_PAGE_SIZE,
} from './ReviewPanel';
