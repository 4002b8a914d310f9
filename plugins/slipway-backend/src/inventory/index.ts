export * from './applicationFromEntity';
export * from './CatalogInventory';
