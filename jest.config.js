/** Jest in native ESM mode (got is ESM-only); ts-jest transpiles, `npm run typecheck` checks types. */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true, diagnostics: false }] },
  testMatch: ["**/test/**/*.test.ts"],
  testTimeout: 30000,
};
