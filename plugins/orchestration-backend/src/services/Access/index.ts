export * from './AccessControl';
export * from './permissions';
export * from './PermissionSetupCheck';
