export * from './contract/channels';
export * from './contract/errors';
export * from './domain/decimal';
export * from './domain/targets';
