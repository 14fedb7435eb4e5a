// Tests the flick test that holds thumbnails back while the grid scrolls faster than 2,000 px/s.
import { describe, expect, it } from 'vitest';
import { FLICK_PX_PER_MS, isFlick } from '../../../renderer/src/components/PhotoGrid/flick';

describe('isFlick', () => {
  it('is a flick above the speed, either way', () => {
    expect(isFlick(80, 16.7)).toBe(true);
    expect(isFlick(-80, 16.7)).toBe(true);
    expect(isFlick(FLICK_PX_PER_MS * 16 + 1, 16)).toBe(true);
  });

  it('is no flick at browsing speed, at the speed itself, or with no time between steps', () => {
    expect(isFlick(20, 16.7)).toBe(false);
    expect(isFlick(FLICK_PX_PER_MS * 16, 16)).toBe(false);
    expect(isFlick(500, 0)).toBe(false);
  });
});
