import type { en } from './en';

export type MessageKey = keyof typeof en;
/** Every language must carry every key of English, and nothing else. */
export type Dictionary = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: Vars) => string;
