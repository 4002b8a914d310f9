export * from './resourceActions';
