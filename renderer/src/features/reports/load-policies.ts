import { orgPoliciesOf } from '../../../../shared/org/policies';
import type { OrgPolicies } from '../../../../shared/sla/snapshot';
import type { ApiClient } from '../../api/api-client';

/**
 * The organisation's policy versions as the host has them at this moment. A report loads them with
 * its data (not from the live store) so a printed report never measures against the shipped
 * defaults because the policies had not arrived yet.
 */
export function loadOrgPolicies(client: ApiClient): Promise<OrgPolicies> {
  return client.call('policies.get', {}).then(orgPoliciesOf);
}
