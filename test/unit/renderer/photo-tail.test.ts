// Tests which tail of the photo list a refresh while indexing asks for, and how the answer
// joins the list: replaced from the offset, the same list when nothing moved on, and a full
// reload when a removal before the tail has shifted the offsets.
import { describe, expect, it } from 'vitest';
import type { PhotoInfo, PhotoStatusName } from '../../../main/shared/api-contract';
import { tailOffset, withTail } from '../../../renderer/src/lib/photo-tail';
import { photoInfo } from '../../fixtures/photo-info';

const photo = (id: string, status: PhotoStatusName = 'indexed'): PhotoInfo => photoInfo(id, { status, addedAt: '2026-11-29T12:00:00.000Z' });
const ids = (photos: readonly PhotoInfo[] | null) => photos?.map((p) => `${p.id}:${p.status}`);

describe('tailOffset', () => {
  it('starts one before the first pending photo, or at the last photo when none is pending', () => {
    expect(tailOffset([photo('a'), photo('b'), photo('c', 'pending'), photo('d', 'pending')])).toBe(1);
    expect(tailOffset([photo('a'), photo('b', 'failed'), photo('c')])).toBe(2);
    expect(tailOffset([photo('a', 'pending')])).toBe(0);
    expect(tailOffset([])).toBe(0);
  });
});

describe('withTail', () => {
  const list = [photo('a'), photo('b'), photo('c', 'pending')];

  it('replaces the list from the offset with the new listing, new photos included', () => {
    const next = withTail(list, 1, [photo('b'), photo('c'), photo('d', 'pending')]);
    expect(ids(next)).toEqual(['a:indexed', 'b:indexed', 'c:indexed', 'd:pending']);
  });

  it('gives back the same list when nothing in the tail moved on', () => {
    expect(withTail(list, 1, [photo('b'), photo('c', 'pending')])).toBe(list);
  });

  it('asks for a full reload when the photo at the offset is another one (a removal before it)', () => {
    expect(withTail(list, 1, [photo('c'), photo('d')])).toBeNull();
    expect(withTail(list, 1, [])).toBeNull();
  });

  it('takes the whole listing for an empty list', () => {
    expect(ids(withTail([], 0, [photo('a', 'pending')]))).toEqual(['a:pending']);
  });
});
