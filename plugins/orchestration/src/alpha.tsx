import { orchestrationPlugin } from './alpha/plugin';

export {
  orchestrationApi,
  orchestrationEntityCard,
  orchestrationEntityContent,
  orchestrationGetStartedEntityCard,
  orchestrationGetStartedEntityContent,
  orchestrationPage,
  orchestrationRollupEntityCard,
  orchestrationRollupEntityContent,
} from './alpha/index';
export { orchestrationTranslationRef } from './translation';

/**
 * The Orchestration plugin for the new frontend system.
 *
 * @alpha
 */
export default orchestrationPlugin;
