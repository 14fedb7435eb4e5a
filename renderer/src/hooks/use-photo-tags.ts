// Runs in: the renderer. A photo's tags as main computes them (tags:ofPhoto), reloaded when
// the photo changes or tags may have (a decision, a saved category). Null while the first
// answer for this photo is on its way, so another photo's tags are never shown for it.
// Main re-tags the library to answer, so the sidebar's category counts are re-read too.
import { useEffect, useState } from 'react';
import type { PhotoTagInfo } from '../../../main/shared/api-contract';
import { api } from '../lib/api';
import { reloadCategories, tagsVersion } from '../stores/categories-store';
import { valueOrNotify } from '../stores/notices';
import { useStore } from './use-store';

export function usePhotoTags(photoId: string): PhotoTagInfo[] | null {
  const version = useStore(tagsVersion);
  const [loaded, setLoaded] = useState<{ photoId: string; tags: PhotoTagInfo[] } | null>(null);
  useEffect(() => {
    let current = true;
    void api.tags.ofPhoto(photoId).then((result) => {
      if (current) setLoaded({ photoId, tags: valueOrNotify(result, 'read the photo’s tags') ?? [] });
      if (result.ok) void reloadCategories();
    });
    return () => {
      current = false;
    };
  }, [photoId, version]);
  return loaded?.photoId === photoId ? loaded.tags : null;
}
