// Runs in: the renderer. The calls that add and remove keywords of the user's own on photos
// (tags without a category); views that show tags reload after each, as after a decision.
import { api } from '../lib/api';
import { tagsVersion } from './categories-store';
import { valueOrNotify } from './notices';

/** True when the keywords were added (or the photos had them already). */
export async function addKeywords(photoIds: string[], keywords: string[]): Promise<boolean> {
  const result = await api.tags.addKeywords(photoIds, keywords);
  valueOrNotify(result, `add the keyword ${keywords.join(', ')}`);
  tagsVersion.set((v) => v + 1);
  return result.ok;
}

export async function removeKeyword(photoId: string, keyword: string): Promise<void> {
  valueOrNotify(await api.tags.removeKeyword(photoId, keyword), `remove the keyword ${keyword}`);
  tagsVersion.set((v) => v + 1);
}
