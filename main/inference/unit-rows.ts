// Runs in: the inference worker. Splits a [rows, dim] output into one unit-length vector per
// item, each with its own buffer so it can be transferred to the main thread alone. Applied to
// every graph, including ones that normalise inside: it is harmless there and lets callers
// rely on unit length without knowing the export.

export function unitRows(data: Float32Array, rows: number, dim: number): Float32Array<ArrayBuffer>[] {
  if (data.length !== rows * dim) {
    throw new RangeError(`expected ${rows}x${dim} values, got ${data.length}`);
  }
  const result: Float32Array<ArrayBuffer>[] = [];
  for (let r = 0; r < rows; r++) {
    const row = data.slice(r * dim, (r + 1) * dim);
    let sum = 0;
    for (const v of row) sum += v * v;
    // A zero vector has no direction; it stays zero rather than turning into NaN.
    if (sum > 0) {
      const scale = 1 / Math.sqrt(sum);
      for (let i = 0; i < dim; i++) row[i] = (row[i] ?? 0) * scale;
    }
    result.push(row);
  }
  return result;
}
