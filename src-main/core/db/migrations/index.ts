import { InitialSchema1764115200001 } from './0001-initial-schema';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [InitialSchema1764115200001];
