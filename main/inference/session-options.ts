// Runs in: the inference worker (and the benchmark, which must time the very same
// configuration). How every ONNX Runtime session is set up.
import type { InferenceSession } from 'onnxruntime-node';
import type { ConcreteProvider } from './messages';

export function sessionOptions(provider: ConcreteProvider, threads: number): InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    intraOpNumThreads: threads,
    // Both towers are a single chain of ops; parallel branches would only add threads.
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // Spinning idle threads measured slower on a contended 2-core machine (decode runs too).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
