/**
 * The seed of the property and fuzz tests: the same inputs on every run, so that the suite is
 * deterministic; `FUZZ_SEED=<n>` draws others, and a failure prints the seed and path that replay it.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
