export * from './CatalogReader';
export * from './CallerBatches';
