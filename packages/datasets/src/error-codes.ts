/**
 * Stable codes of the errors datasets raises (part of the public contract: the CLI and the
 * grader map them to exit codes and scores).
 */
export const DATA_ERROR = {
  fileNotFound: 'DATA_FILE_NOT_FOUND',
  checksumMismatch: 'DATA_CHECKSUM_MISMATCH',
  shortRow: 'DATA_SHORT_ROW',
  longRow: 'DATA_LONG_ROW',
  notNumeric: 'DATA_NOT_NUMERIC',
  badLabel: 'DATA_BAD_LABEL',
  truncatedGzip: 'DATA_TRUNCATED_GZIP',
  corruptGzip: 'DATA_CORRUPT_GZIP',
  tooFewRows: 'DATA_TOO_FEW_ROWS',
  notHdf5: 'DATA_NOT_HDF5',
  unreadableHdf5: 'DATA_UNREADABLE_HDF5',
  missingKey: 'DATA_MISSING_KEY',
  shapeMismatch: 'DATA_SHAPE_MISMATCH',
  unknownFormat: 'DATA_UNKNOWN_FORMAT',
  badOption: 'DATA_BAD_OPTION',
  downloadHttp: 'DOWNLOAD_HTTP_ERROR',
  downloadInterrupted: 'DOWNLOAD_INTERRUPTED',
  downloadSize: 'DOWNLOAD_SIZE_MISMATCH',
} as const;

export type DataErrorCode = (typeof DATA_ERROR)[keyof typeof DATA_ERROR];
