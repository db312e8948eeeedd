/**
 * True in development and in Node; false in production bundles. Development-only checks use
 * it (as React and Preact do): the zod checks of logging input would otherwise cost the
 * logging SDK more than its whole size budget, and in production the server validates anyway
 * (a rejected write lands in the dead letters and `onError`).
 *
 * Bundlers replace `process.env.NODE_ENV` with a string literal even where `process` does
 * not exist (a browser), so the expression is read as is, without a `typeof process` guard
 * that would make it false in every browser dev build; unbundled in a browser it throws a
 * ReferenceError, which means production.
 */
export const DEV: boolean = (() => {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
})();
