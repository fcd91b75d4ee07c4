export * from './summarise';
export * from './Assessor';
export * from './snapshotRefs';
export * from './TurnLookups';
