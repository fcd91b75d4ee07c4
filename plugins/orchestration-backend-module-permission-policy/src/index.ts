/**
 * A permission policy for Backstage apps that have none: Orchestration's
 * platform-team rule for its own permissions, everything else allowed.
 *
 * @packageDocumentation
 */

export {
  orchestrationPermissionPolicyModule as default,
  OrchestrationPermissionPolicy,
} from './module';
