import { expect, test } from "@jest/globals";
import { startLocalCatalog } from "../../../src/local-catalog/server.js";
import { SAMPLE_API_KEY } from "../../../src/local-catalog/wml/iam.js";
import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";

test("a started catalog reports its sample space and an API key its token endpoint accepts (what the entry point hands the gateway)", async () => {
  const catalog = await startLocalCatalog({ port: 0 });
  try {
    expect(catalog.wmlSample).toEqual({ spaceId: SAMPLE_SPACE_ID, apiKey: SAMPLE_API_KEY });
    const exchange = await fetch(`${catalog.url}/identity/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ibm:params:oauth:grant-type:apikey", apikey: catalog.wmlSample.apiKey! }),
    });
    expect(exchange.status).toBe(200);
  } finally {
    await catalog.close();
  }
  const custom = await startLocalCatalog({ port: 0, wml: { apiKeys: ["k-1", "k-2"] } });
  try {
    expect(custom.wmlSample.apiKey).toBe("k-1");
  } finally {
    await custom.close();
  }
  const none = await startLocalCatalog({ port: 0, wml: { apiKeys: [] } });
  try {
    expect(none.wmlSample.apiKey).toBeUndefined();
  } finally {
    await none.close();
  }
});
