export * from './summarise';
export * from './Assessor';
