import { Writable } from "node:stream";

/** A pino destination that keeps every JSON line written to it, for tests that read the log. */
export interface LogCapture {
  stream: Writable;
  /** Every line so far, parsed. */
  lines(): Array<Record<string, any>>;
  /** Everything written so far, as text. */
  text(): string;
}

/** Creates an in-memory log destination. */
export function captureLog(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join("");
  return {
    stream,
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Record<string, any>),
  };
}
