import { FitcheckError, type Owner } from '@fitcheck/core/errors';

/**
 * Stable codes of the errors datasets raises (part of the public contract: the CLI and the
 * grader map them to exit codes and scores), each with who causes it. The data files are the
 * machine's (shipped fixtures, `fitcheck data fetch`), so a damaged or missing file is the
 * environment's fault; the rows a lab asks for are the lab's.
 */
export const DATA_ERRORS = {
  DATA_FILE_NOT_FOUND: 'environment',
  DATA_CHECKSUM_MISMATCH: 'environment',
  DATA_SHORT_ROW: 'environment',
  DATA_LONG_ROW: 'environment',
  DATA_NOT_NUMERIC: 'environment',
  DATA_BAD_LABEL: 'environment',
  DATA_TRUNCATED_GZIP: 'environment',
  DATA_CORRUPT_GZIP: 'environment',
  DATA_NOT_HDF5: 'environment',
  DATA_UNREADABLE_HDF5: 'environment',
  DATA_MISSING_KEY: 'environment',
  DATA_SHAPE_MISMATCH: 'environment',
  DATA_UNKNOWN_FORMAT: 'environment',
  /** More rows asked for (a profile's `trainRows`, a validation split) than the file has. */
  DATA_TOO_FEW_ROWS: 'lab',
  /** An option datasets refuses (a negative row count, a fractional seed): its caller's bug. */
  DATA_BAD_OPTION: 'grader',
  DOWNLOAD_HTTP_ERROR: 'environment',
  DOWNLOAD_INTERRUPTED: 'environment',
  DOWNLOAD_SIZE_MISMATCH: 'environment',
} as const satisfies Record<string, Owner>;

export type DataErrorCode = keyof typeof DATA_ERRORS;

/** An error of the datasets package: its code is one of {@link DATA_ERRORS}. */
export class DataError extends FitcheckError<DataErrorCode> {}
