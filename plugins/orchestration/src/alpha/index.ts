export { orchestrationPlugin } from './plugin';
export { orchestrationApi } from './apis';
export {
  orchestrationEntityCard,
  orchestrationGetStartedEntityCard,
  orchestrationRollupEntityCard,
} from './entityCards';
export {
  orchestrationEntityContent,
  orchestrationGetStartedEntityContent,
  orchestrationRollupEntityContent,
} from './entityContent';
export { orchestrationPage } from './pages';
