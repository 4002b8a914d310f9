/**
 * Reads a fetch response's body, refusing more than `maxBytes`: a declared
 * Content-Length over the cap is refused before reading, and a body that
 * grows past it is cancelled there, so an answer never fills the backend's
 * memory. `tooLarge` makes the caller's own error.
 * @public
 */
export async function readCappedBody(
  response: Response,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
