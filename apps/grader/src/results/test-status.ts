/**
 * How a Gradescope test of results.json was scored (`extra_data.status`): `auto` by a check;
 * `pending`, waiting for a TA (no score yet, never 0); `manual`, by a TA (an override); `undecided`,
 * by a check whose run could not support a verdict on part of the item — that part costs no points,
 * and the TA's run decides. (Its own module: the PR comment reads it without loading TF.js.)
 */
export const TEST_STATUSES = ['auto', 'pending', 'manual', 'undecided'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];
