// Which budgets a request spends, from the configuration (lib/env.ts; 0 turns a limit off).
import { securityEnv } from '@/lib/env';
import type { ApiCaller } from '@/lib/server/api-tokens/authenticate-api-token';
import type { RateLimitHit } from '@/lib/server/rate-limits/hit-rate-limits';

const MINUTE = 60;

/** A password sign-in attempt: per email (guessing one account) and per address (spraying many). */
export function signInHits(email: string, address: string): RateLimitHit[] {
  const settings = securityEnv();
  const windowSeconds = settings.CHANGEBOARD_RATE_LIMIT_SIGNIN_WINDOW_SECONDS;
  return [
    { key: `signin:email:${email}`, rule: { limit: settings.CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_EMAIL, windowSeconds } },
    { key: `signin:ip:${address}`, rule: { limit: settings.CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_IP, windowSeconds } },
  ];
}

/** An API call with a valid token: service tokens have a budget of their own, so people never throttle pipelines. */
export function apiTokenHit(caller: Pick<ApiCaller, 'tokenId' | 'kind'>): RateLimitHit {
  const settings = securityEnv();
  const limit = caller.kind === 'service' ? settings.CHANGEBOARD_RATE_LIMIT_API_SERVICE_PER_MINUTE : settings.CHANGEBOARD_RATE_LIMIT_API_PERSONAL_PER_MINUTE;
  return { key: `api:token:${caller.tokenId}`, rule: { limit, windowSeconds: MINUTE } };
}

/** An API call without a valid token (none, unknown, revoked, expired). */
export function apiFailedHit(address: string): RateLimitHit {
  return { key: `api:ip:${address}`, rule: { limit: securityEnv().CHANGEBOARD_RATE_LIMIT_API_FAILED_PER_IP_PER_MINUTE, windowSeconds: MINUTE } };
}

export function signInWindowMinutes(): number {
  return Math.ceil(securityEnv().CHANGEBOARD_RATE_LIMIT_SIGNIN_WINDOW_SECONDS / MINUTE);
}
