export { CONFIG_ATTRIBUTES } from './config/config-attributes';
export type { ConfigAttribute } from './config/config-attributes';
export type {
  ConfabConfigInput,
  GetToken,
  LauncherPosition,
  Redact,
  ResolvedConfig,
  Suggest,
  Theme,
  WidgetMode,
} from './config/config-types';
export { parseConfig, parseSettings } from './config/parse-config';
export { checkStrings } from './config/check-strings';
export { chatLogs } from './config/chat-logs';
export type { ParsedConfig } from './config/parse-config';
