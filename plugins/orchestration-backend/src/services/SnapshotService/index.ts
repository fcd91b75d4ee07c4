export * from './SnapshotService';
