import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  OrchestrationPermissionDecider,
  orchestrationPermissionDeciderServiceRef,
} from '@orchestration/plugin-orchestration-node';

/**
 * A whole permission policy for apps that have none: the Orchestration
 * permissions are decided by {@link @orchestration/plugin-orchestration-node#OrchestrationPermissionDecider}
 * (every signed-in user reads; platform-team members record reviews, report
 * cluster facts and refresh the snapshot), and every other permission is
 * allowed, as Backstage's allow-all policy does.
 *
 * @public
 */
export class OrchestrationPermissionPolicy implements PermissionPolicy {
  constructor(private readonly orchestration: OrchestrationPermissionDecider) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const decision = await this.orchestration.decide(request, user);
    return decision ?? { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Installs {@link OrchestrationPermissionPolicy} as the permission policy.
 * For apps without a policy of their own (it replaces the allow-all policy
 * module); apps with one, or with the RBAC plugin, keep theirs and grant the
 * Orchestration permissions there instead.
 *
 * @public
 */
export const orchestrationPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'orchestration-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        orchestration: orchestrationPermissionDeciderServiceRef,
      },
      async init({ policy, orchestration }) {
        policy.setPolicy(new OrchestrationPermissionPolicy(orchestration));
      },
    });
  },
});
