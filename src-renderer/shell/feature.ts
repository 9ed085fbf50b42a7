/**
 * What a feature folder gives the app shell (features/<feature>/index.ts): its page in the
 * sidebar, its texts and which backend events make its data stale. The shell, i18n and the
 * refetch hook are built from the list in features/index.ts, so adding a page touches no shared
 * file but that list.
 */
import type { ComponentType } from 'react';
import type { ChannelName, EventName } from '../../src-shared/contract/channels';
import type { EarlyRequest } from '../api/client';

export interface PageDescriptor {
  /** The hash route (`#/<key>`, with an optional query after `?`) and the menu key. */
  key: string;
  /** i18n key of the sidebar label. */
  navLabel: string;
  /** Position in the sidebar, lowest first; the first page is the start page. */
  order: number;
  /** Marked 即将推出 in the sidebar. */
  comingSoon?: boolean;
  /**
   * Loads the page's code (each page is its own chunk); the app calls it for the page it opens on
   * before React mounts, and PageContent renders what it resolves to.
   */
  preload: () => Promise<ComponentType>;
  /** The page's component once `preload` has resolved, so an open page renders without suspending. */
  loaded: () => ComponentType | undefined;
  /**
   * Sends the page's first reads when the app starts, before React and the page's code have
   * loaded; its hooks' first `invoke` of the same channel and input gets the answer. Keep this
   * free of React, the query cache and antd: it runs from the app's small first script.
   */
  firstRequests?: (request: EarlyRequest) => Promise<unknown>;
}

/** Per event, the query key prefixes (channel names) to refetch when it arrives. */
export type RefetchRules = Partial<Record<EventName, readonly ChannelName[]>>;

/** A feature's own texts: one object per language, each with the feature's top-level keys. */
export interface FeatureMessages {
  'zh-CN': Record<string, object>;
  en: Record<string, object>;
}

export interface Feature {
  name: string;
  page?: PageDescriptor;
  messages: FeatureMessages;
  /** Which backend events make this feature's queries stale. */
  refetchOn?: RefetchRules;
}

/**
 * A page whose code loads on demand. `load` is usually
 * `() => import('./XPage').then((m) => m.XPage)`; it runs once, and again only after it failed.
 */
export function definePage(page: Omit<PageDescriptor, 'preload' | 'loaded'> & { load: () => Promise<ComponentType> }): PageDescriptor {
  const { load, ...rest } = page;
  let loading: Promise<ComponentType> | null = null;
  let component: ComponentType | undefined;
  // A failed load (a chunk gone after a rebuild) is not kept, so opening the page again retries.
  const preload = () =>
    (loading ??= load().then(
      (loaded) => (component = loaded),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return { ...rest, preload, loaded: () => component };
}
