// Public API of @fitcheck/core. Named re-exports only; one block per folder.
export { FitcheckError, isFitcheckError, type ErrorPlace } from './errors.js';
