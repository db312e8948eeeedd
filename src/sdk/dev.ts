/**
 * True in development and in Node; false in production bundles, where bundlers replace
 * `process.env.NODE_ENV` with "production" and drop what this guards. Development-only checks
 * use it (as React and Preact do): the zod checks of logging input would otherwise cost the
 * logging SDK more than its whole size budget, and in production the server validates anyway
 * (a rejected write lands in the dead letters and `onError`). Unbundled in a browser, where
 * `process` does not exist, it is false.
 */
export const DEV = typeof process !== 'undefined' && process.env.NODE_ENV !== 'production';
