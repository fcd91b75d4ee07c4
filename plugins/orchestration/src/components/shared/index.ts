export * from './labels';
export { ObligationStatusLabel } from './StatusLabel';
export { ErrorState, WarningNote } from './ErrorState';
export { FitChart } from './FitChart';
export { annotationsYaml } from './yaml';
export { useEntityLink, ORCHESTRATION_TAB_PATH } from './links';
export { ObligationList } from './ObligationList';
export { NamedOptions, uniqueOptions } from './NamedOptions';
export { CostDetails, costText, isSizeMissing } from './CostDetails';
