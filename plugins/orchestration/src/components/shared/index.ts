export * from './labels';
export { ObligationStatusLabel } from './StatusLabel';
export { ErrorState, WarningNote } from './ErrorState';
export { FitChart } from './FitChart';
export { annotationsYaml } from './yaml';
export { useEntityLink, ORCHESTRATION_TAB_PATH } from './links';
export { ObligationList } from './ObligationList';
export { NamedOptions, uniqueOptions } from './NamedOptions';
export { CostDetails, costText, isSizeMissing } from './CostDetails';
export { YamlBlock } from './YamlBlock';
export { LongText, LONG_TEXT_LIMIT, cutText } from './LongText';
export { Expandable } from './Expandable';
export * from './annotationFixes';
export * from './nextAction';
export {
  createFormatters,
  formattersFor,
  resolveLocale,
  useFormatters,
} from './format';
export type { Formatters } from './format';
export { defaultTexts, useTexts } from './i18n';
export type { OrchestrationMessages, OrchestrationT, Texts } from './i18n';
export { DateText } from './DateText';
export { FactProvenanceText, freshnessLimitText } from './FactProvenance';
export {
  PlatformReasons,
  reasonsSummary,
  splitReasons,
} from './PlatformReasons';
