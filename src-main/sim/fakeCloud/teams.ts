/** The accounts the local nRF Cloud knows: a demo owner team, and a second team for role tests. */

export interface FakeCloudKey {
  key: string;
  teamName: string;
  tenantId: string;
  /** As GET /v1/account spells it: 'owner', 'admin', 'editor' or 'viewer'. */
  role: string;
}

// Fixed, so the demo mode, docs and training material can name them. Not secrets: they open
// nothing but this local server.
export const FAKE_DEMO_KEY = 'de0de0de0de0de0de0de0de0de0de0de0de0de0d';
export const FAKE_ADMIN_KEY = 'ad0ad0ad0ad0ad0ad0ad0ad0ad0ad0ad0ad0ad0a';
export const FAKE_VIEWER_KEY = 'beefbeefbeefbeefbeefbeefbeefbeefbeefbeef';

export const defaultFakeCloudKeys: readonly FakeCloudKey[] = [
  {
    key: FAKE_DEMO_KEY,
    teamName: 'Demo Team',
    tenantId: 'dec0de00-0000-4000-8000-000000000001',
    role: 'owner',
  },
  {
    key: FAKE_ADMIN_KEY,
    teamName: 'Other Team',
    tenantId: '07e40000-0000-4000-8000-000000000002',
    role: 'admin',
  },
  {
    key: FAKE_VIEWER_KEY,
    teamName: 'Other Team',
    tenantId: '07e40000-0000-4000-8000-000000000002',
    role: 'viewer',
  },
];
