import { readCappedBody } from './readCappedBody';

const tooLarge = () => new Error('too large');

/** A response streaming `parts`, with or without a declared length. */
function streamed(parts: string[], declare?: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });
  return new Response(
    body,
    declare === undefined
      ? {}
      : { headers: { 'content-length': String(declare) } },
  );
}

describe('readCappedBody', () => {
  it('reads a body within the cap', async () => {
    expect(
      (await readCappedBody(streamed(['ab', 'cd']), 4, tooLarge)).toString(
        'utf8',
      ),
    ).toBe('abcd');
  });

  it('refuses a body that grows past the cap, and one whose declared length is over it', async () => {
    await expect(
      readCappedBody(streamed(['ab', 'cde']), 4, tooLarge),
    ).rejects.toThrow('too large');
    await expect(
      readCappedBody(streamed(['a'], 10), 4, tooLarge),
    ).rejects.toThrow('too large');
  });

  it('reads an empty answer', async () => {
    expect((await readCappedBody(new Response(null), 4, tooLarge)).length).toBe(
      0,
    );
  });
});
