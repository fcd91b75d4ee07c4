export * from './CatalogReader';
export * from './CallerBatches';
export * from './uncompressedCatalog';
