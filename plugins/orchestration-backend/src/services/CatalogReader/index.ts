export * from './CatalogReader';
