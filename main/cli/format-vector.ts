// Runs in: the CLI process. A short human-readable view of an embedding.
export function formatVectorPreview(v: Float32Array, shown = 4): string {
  const head = Array.from(v.subarray(0, shown), (x) => x.toFixed(4)).join(', ');
  return `[${head}${v.length > shown ? ', …' : ''}] (${v.length}-d)`;
}
