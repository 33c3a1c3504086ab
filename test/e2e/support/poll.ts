// Waiting for asynchronous platform state: poll every 250 ms until a predicate holds, with a timeout.
export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function poll<T>(
  description: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 60_000, intervalMs = 250 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${description}; last value: ${JSON.stringify(value, null, 2)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
