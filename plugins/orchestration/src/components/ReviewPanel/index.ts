export { ReviewPanel, describeDecision } from './ReviewPanel';
