import { useSyncExternalStore } from 'react';

const subscribeNothing = () => () => {};

/**
 * False while rendered on the server (and during hydration), true once the browser runs the page:
 * parts shown only to JavaScript stay visible without it, so forms still work.
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(subscribeNothing, () => true, () => false);
}
