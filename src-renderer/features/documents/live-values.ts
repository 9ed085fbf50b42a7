/** The live numbers' values as the page resolved them, for each LiveNumberView to show its own. */
import { createContext, useContext } from 'react';
import type { LiveNumberAttrs, ResolvedLiveNumber } from '../../../src-shared/contract/channels';

export const liveKey = (a: Pick<LiveNumberAttrs, 'metricId' | 'subjectId' | 'measure' | 'period'>) => `${a.metricId}|${a.subjectId}|${a.measure}|${a.period}`;

export interface LiveValues {
  /** The value of a binding; undefined while it is being resolved. */
  valueOf: (attrs: LiveNumberAttrs) => ResolvedLiveNumber | undefined;
  /** 营业收入 · 江城市分公司 · 基本完成率, for the number's tooltip. */
  describe: (attrs: LiveNumberAttrs) => string;
}

export const LiveValuesContext = createContext<LiveValues>({ valueOf: () => undefined, describe: () => '' });

export const useLiveValues = () => useContext(LiveValuesContext);
