export { orchestrationPlugin } from './plugin';
export { orchestrationApi } from './apis';
export {
  orchestrationEntityCard,
  orchestrationGetStartedEntityCard,
} from './entityCards';
export {
  orchestrationEntityContent,
  orchestrationGetStartedEntityContent,
} from './entityContent';
export { orchestrationPage } from './pages';
