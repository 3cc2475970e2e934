import { createEventStream } from "../../../src/wml/deployment-changed/event-stream.js";

test("values pushed before and while the reader waits arrive in order; end() finishes after the queued ones", async () => {
  const stream = createEventStream<number>(() => undefined);
  stream.push(1);
  stream.push(2);
  expect(await stream.next()).toEqual({ value: 1, done: false });
  expect(await stream.next()).toEqual({ value: 2, done: false });
  const waiting = stream.next();
  stream.push(3);
  expect(await waiting).toEqual({ value: 3, done: false });
  stream.push(4);
  stream.end();
  stream.push(5);
  expect(await stream.next()).toEqual({ value: 4, done: false });
  expect(await stream.next()).toEqual({ value: undefined, done: true });
});

test("return() from the reading side ends a waiting read, drops the queue, and tells the owner once", async () => {
  let returned = 0;
  const stream = createEventStream<number>(() => returned++);
  const waiting = stream.next();
  await stream.return!();
  expect(await waiting).toEqual({ value: undefined, done: true });
  stream.push(1);
  expect(await stream.next()).toEqual({ value: undefined, done: true });
  await stream.return!();
  expect(returned).toBe(1);
});

test("a stream the owner ended still tells the owner when the reader returns", async () => {
  let returned = 0;
  const stream = createEventStream<number>(() => returned++);
  stream.end();
  await stream.return!();
  expect(returned).toBe(1);
});
