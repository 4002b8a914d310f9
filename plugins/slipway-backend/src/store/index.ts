export * from './ApplicationStatusStore';
export * from './OperationStore';
export * from './HistoryStore';
export * from './NotificationEpisodeStore';
export * from './ChildApplicationStore';
export * from './SlipwayStore';
export * from './DatabaseSlipwayStore';
