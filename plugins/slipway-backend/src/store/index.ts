export * from './ApplicationStatusStore';
export * from './OperationStore';
export * from './HistoryStore';
export * from './SlipwayStore';
export * from './DatabaseSlipwayStore';
