// A test that logs an error has hidden a failure: make it fail instead.
import { afterEach, vi } from 'vitest';

const errorSpy = vi.spyOn(console, 'error');

afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((args) => args.map(String).join(' ')).join('\n')}`);
});
