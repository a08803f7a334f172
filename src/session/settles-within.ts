/**
 * Resolves true once `promise` settles (either way) within `ms` milliseconds, false if it has
 * not by then: for waiting on code of the app that may never settle, without waiting forever.
 */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms), false);
    const settled = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}
