import type { Route, RouteContext } from './router';
import { teamOf } from './state';

const ISSUED_AT = '2025-04-01T12:00:00.000Z';

/** What GET /v1/auth documents: who the token belongs to and what it may do. */
function tokenInfo({ token, world }: RouteContext) {
  return {
    data: {
      tokenKind: 'apiToken',
      id: `token-${token.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      name: token.name,
      entityId: teamOf(world.state, token),
      entityType: 'team',
      role: token.role,
      permissions: [...token.permissions],
      createdAt: ISSUED_AT,
      expiresAt: null,
    },
  };
}

// The CLI checks a token with GET /v1/login and only looks at the status; the newer docs describe GET /v1/auth.
export const tokenRoutes: Route[] = [
  { method: 'GET', path: '/login', handle: tokenInfo },
  { method: 'GET', path: '/auth', handle: tokenInfo },
];
