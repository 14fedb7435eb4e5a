// Runs in: the renderer. The calls that add and remove keywords of the user's own on photos
// (tags without a category), each told with its Undo; views that show tags reload after
// each, as after a decision.
import { api } from '../lib/api';
import { tagsVersion } from './categories-store';
import { notifyEdit } from './history-store';
import { succeeded } from './notices';

/** True when the keywords were added (or the photos had them already). */
export async function addKeywords(photoIds: string[], keywords: string[]): Promise<boolean> {
  const result = await api.tags.addKeywords(photoIds, keywords);
  if (succeeded(result, `add the keyword ${keywords.join(', ')}`)) notifyEdit(`Added ${keywords.map((k) => `“${k}”`).join(', ')}.`);
  tagsVersion.set((v) => v + 1);
  return result.ok;
}

export async function removeKeyword(photoId: string, keyword: string): Promise<void> {
  if (succeeded(await api.tags.removeKeyword(photoId, keyword), `remove the keyword ${keyword}`)) notifyEdit(`Removed “${keyword}”.`);
  tagsVersion.set((v) => v + 1);
}
