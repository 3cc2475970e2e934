import { ConfigError, loadConfig } from "../../src/config.js";

test("CORS_ORIGINS unset or blank: same-origin only", () => {
  expect(loadConfig({}).corsOrigins).toEqual([]);
  expect(loadConfig({ CORS_ORIGINS: "  " }).corsOrigins).toEqual([]);
});

test("CORS_ORIGINS is a comma-separated list, normalised as browsers send Origin", () => {
  expect(loadConfig({ CORS_ORIGINS: "https://App.Example.com:443/, http://localhost:5173,,http://localhost:5173" }).corsOrigins).toEqual([
    "https://app.example.com",
    "http://localhost:5173",
  ]);
});

test.each(["*", "null", "app.example.com", "https://app.example.com/path", "ftp://files.example.com", "https://user:pw@app.example.com", "https://app.example.com?x=1"])(
  "CORS_ORIGINS entry %j is refused with a message naming the variable and the entry",
  (entry) => {
    const load = () => loadConfig({ CORS_ORIGINS: `http://localhost:5173,${entry}` });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^CORS_ORIGINS: .*got "/);
  },
);
