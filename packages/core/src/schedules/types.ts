/** A learning rate as a function of the optimizer step (0-based count of updates applied so far). */
export type LearningRateSchedule = (step: number) => number;
