/** How 目标分解 spreads: down the organisation and over the days (the contract's methods), remembered for the page's life. */
import type { ChannelInput } from '../../../src-shared/contract/channels';

export type SplitMethods = Pick<ChannelInput<'holiday/split'>, 'orgMethod' | 'dayMethod'>;
export const DEFAULT_SPLIT_METHODS: SplitMethods = { orgMethod: 'last-year', dayMethod: 'last-year' };
