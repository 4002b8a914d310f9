export * from './ApplicationStatusStore';
export * from './OperationStore';
export * from './HistoryStore';
export * from './NotificationEpisodeStore';
export * from './SlipwayStore';
export * from './DatabaseSlipwayStore';
