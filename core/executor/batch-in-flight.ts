// requests a batch run keeps in flight: a whole stage (every survey answer, every judge call, one
// round of persona fills) waits at once, so it lands in one batch — up to one input file's limit.
export const BATCH_IN_FLIGHT = 50_000;
