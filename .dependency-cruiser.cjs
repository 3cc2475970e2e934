/**
 * The module boundaries `npm test` enforces (dependency-cruiser 17): the local catalog is the
 * upstreams' stand-in and shares no code with the gateway, in either direction. Paths are relative to
 * the folder depcruise runs in (the project root; test/fixtures/boundaries in the rules' own test).
 * Type-only imports count: they couple the two sides as much as any other.
 */
module.exports = {
  forbidden: [
    {
      name: "local-catalog-stands-alone",
      comment: "Nothing under src/local-catalog/ imports from the rest of src/ (not even small helpers or the config reader).",
      severity: "error",
      from: { path: "^src/local-catalog/" },
      to: { path: "^src/", pathNot: "^src/local-catalog/" },
    },
    {
      name: "only-entry-points-start-the-local-catalog",
      comment: "Outside src/local-catalog/, only the entry points that start it (src/app.ts, src/main.ts) import from it.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/local-catalog/", "^src/app\\.ts$", "^src/main\\.ts$"] },
      to: { path: "^src/local-catalog/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/__generated__/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
