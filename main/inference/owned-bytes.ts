// Runs in: main and the inference worker. postMessage can only transfer a whole ArrayBuffer;
// a view into a shared one (Node's Buffer pool, a slice of a bigger read) must be copied first,
// or transferring it would detach memory that other buffers still use.

/** `view` itself when it owns its whole ArrayBuffer, else a copy that does. */
export function ownedBytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = view;
  if (buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength) {
    return new Uint8Array(buffer);
  }
  return new Uint8Array(view);
}
