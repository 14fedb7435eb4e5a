// Runs in: main and the inference worker. Reads one JSON file out of a model folder and turns
// "absent" and "garbled" into the two error codes the UI explains differently (download it
// again vs. the folder is not a model we understand).

import { readFile } from 'node:fs/promises';
import { ClipfolioError, errorMessage } from '../shared/errors';

/** Parsed JSON of `file`; undefined when it is absent and `required` is false. */
export async function readModelJson(file: string, required: boolean, hint = ''): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const absent = (err as NodeJS.ErrnoException).code === 'ENOENT';
    if (absent && !required) return undefined;
    const what = absent ? `Missing model file ${file}` : `Cannot read model file ${file}: ${errorMessage(err)}`;
    throw new ClipfolioError('MODEL_MISSING', hint ? `${what}. ${hint}` : what, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ClipfolioError('MODEL_INVALID', `${file} is not valid JSON: ${errorMessage(err)}`, { cause: err });
  }
}
