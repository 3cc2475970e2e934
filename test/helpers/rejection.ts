/**
 * The error `promise` rejects with, when it is an instance of `type`; the test fails when the promise
 * resolves, or rejects with anything else (that error is rethrown as it is).
 */
export async function rejection<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}
