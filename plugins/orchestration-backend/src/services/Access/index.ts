export * from './AccessControl';
export * from './permissions';
