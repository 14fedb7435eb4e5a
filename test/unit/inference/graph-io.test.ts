// Runs in: vitest. What the worker reads from a tower graph's metadata decides batching,
// padding and the id dtype, so each export style is checked here without a session.
import { describe, expect, it } from 'vitest';
import { readTowerIo, type GraphValue } from '../../../main/inference/graph-io';
import { ClipfolioError } from '../../../main/shared/errors';

const tensor = (name: string, type: string, shape: (number | string)[]): GraphValue => ({
  name,
  isTensor: true,
  type,
  shape,
});

describe('readTowerIo', () => {
  it('reads a Transformers.js text tower: dynamic batch and sequence, int64 ids, output by name', () => {
    const io = readTowerIo(
      'text',
      'text_model.onnx',
      [tensor('input_ids', 'int64', ['batch_size', 'sequence_length'])],
      [tensor('last_hidden_state', 'float32', ['batch_size', 'sequence_length', 512]), tensor('text_embeds', 'float32', ['batch_size', 512])],
    );
    expect(io).toEqual({
      input: { name: 'input_ids', type: 'int64', shape: ['batch_size', 'sequence_length'] },
      output: 'text_embeds',
      fixedBatch: null,
      fixedSequence: null,
      idType: 'int64',
    });
  });

  it('reads an Immich text tower: batch 1, 77 int32 ids', () => {
    const io = readTowerIo('text', 'model.onnx', [tensor('text', 'int32', [1, 77])], [tensor('embedding', 'float32', [1, 512])]);
    expect(io).toMatchObject({ fixedBatch: 1, fixedSequence: 77, idType: 'int32', output: 'embedding' });
  });

  it('treats -1 as a dynamic axis', () => {
    const io = readTowerIo(
      'vision',
      'vision.onnx',
      [tensor('pixel_values', 'float32', [-1, 3, 224, 224])],
      [tensor('image_embeds', 'float32', [-1, 512])],
    );
    expect(io.fixedBatch).toBeNull();
    expect(io.idType).toBeNull();
  });

  it('names what the graph has when the expected input is missing', () => {
    const read = () =>
      readTowerIo('vision', 'odd.onnx', [tensor('x', 'float32', [1, 3, 224, 224])], [tensor('y', 'float32', [1, 512])]);
    expect(read).toThrow(ClipfolioError);
    expect(read).toThrow(/pixel_values or image.*has: x/);
  });

  it('rejects a text input of the wrong dtype', () => {
    expect(() =>
      readTowerIo('text', 't.onnx', [tensor('input_ids', 'float32', [1, 77])], [tensor('text_embeds', 'float32', [1, 512])]),
    ).toThrow(/expected int64 or int32/);
  });
});
